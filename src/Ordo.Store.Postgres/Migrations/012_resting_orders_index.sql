-- Start-up rebuilds each market's book from its open limit orders (RestingOrderRows). This index holds
-- only those orders, with every column the book needs, so a large database is read from a small index
-- in order (an index-only scan once vacuumed) instead of one heap page per open order.
CREATE INDEX orders_resting ON orders (market, id) INCLUDE (account_id, side, price, quantity, filled_quantity)
    WHERE kind = 'Limit' AND state = 'Open';
