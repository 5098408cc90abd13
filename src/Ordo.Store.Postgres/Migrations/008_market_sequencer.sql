-- Each market's book version: bumped by every write that changes the market's book (and by a change
-- of its settings). The UPDATE that bumps it locks the market's row to the end of the transaction:
-- that row lock is the market's sequencer across nodes. A node whose in-memory book was built at
-- another version rebuilds it from the open orders (OrderBooks, IOrderTransaction.SequenceMarket).
ALTER TABLE markets ADD COLUMN book_version bigint NOT NULL DEFAULT 0;
