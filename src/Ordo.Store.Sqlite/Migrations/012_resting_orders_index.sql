-- Start-up rebuilds each market's book from its open limit orders (RestingOrderRows). This index holds
-- only those orders, with every column the book needs (and kind and state, which the query names), so
-- a large database is read from a small index in order instead of one table page per open order
-- spread over all the orders ever placed.
CREATE INDEX orders_resting ON orders (market, id, account_id, side, price, quantity, filled_quantity, kind, state)
    WHERE kind = 'Limit' AND state = 'Open';
