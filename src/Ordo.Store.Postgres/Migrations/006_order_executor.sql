-- The account assigned to execute an order (a p2p order's provider): only it, or an operator,
-- may move the order's stages.
ALTER TABLE orders ADD COLUMN executor_account_id bigint;
