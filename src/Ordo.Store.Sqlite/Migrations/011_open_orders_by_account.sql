-- A place with an exclusive attribute (XendBridge: one open order per customer's e-mail) asks for
-- the account's open orders of its kind with that value, inside the single writer. With only
-- orders_account the check read every order the account ever had (seconds on an account with
-- 150,000 orders); with this index it reads the account's orders of that kind in the open states.
CREATE INDEX orders_account_open ON orders (account_id, kind, state, id);
