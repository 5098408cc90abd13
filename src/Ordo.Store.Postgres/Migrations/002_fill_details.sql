-- Fill details some platforms show on an order (Feee: is_split, frozen_tx_id).
ALTER TABLE orders ADD COLUMN fill_count integer NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN last_fill_ref text;

-- Dialect listings: a dialect's open orders (Tronify's public order list) and one account's
-- orders for an address (Tronify's mypayorder).
CREATE INDEX orders_dialect_state ON orders (dialect, state, id);

-- Platforms look orders up by their own number alone (Feee's order_no, Tronify's orderId).
CREATE INDEX orders_number ON orders (number);
