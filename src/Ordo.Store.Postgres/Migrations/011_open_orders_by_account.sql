-- A place with an exclusive attribute (XendBridge: one open order per customer's e-mail) asks for
-- the account's open orders of its kind with that value. The GIN index on attributes answers the
-- value; this one lets the planner reach the account's open orders of a kind without walking
-- every order the account ever had (its other choice for "account_id = .. ORDER BY id LIMIT 1").
CREATE INDEX orders_account_open ON orders (account_id, kind, state, id);
