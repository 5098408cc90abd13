-- A place that allows one open order per attribute value (XendBridge: one open order per e-mail) looks
-- for an open order of the account, of its kind, with that value: this index reads only those, not
-- every order the account ever placed.
CREATE INDEX orders_account_kind_state ON orders (account_id, kind, state);
