-- A market's book is rebuilt from its open limit orders, oldest first (OrderBooks.For): at start-up,
-- after a rolled-back write on the market, when another node changed it. Orders without a market are left out.
CREATE INDEX orders_open_book ON orders (market, kind, state, id) WHERE market IS NOT NULL;
