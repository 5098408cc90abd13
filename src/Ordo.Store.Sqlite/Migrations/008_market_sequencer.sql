-- Each market's book version: bumped by every write that changes the market's book (and by a change
-- of its settings), under the market's lock. A process whose in-memory book was built at another
-- version rebuilds it from the open orders (OrderBooks, IOrderTransaction.SequenceMarket).
ALTER TABLE markets ADD COLUMN book_version INTEGER NOT NULL DEFAULT 0;
