-- A place that allows one open order per attribute value (XendBridge: one open order per e-mail) looks
-- for an open order of the account, of its kind, with that value. Without this index it read every
-- order the account ever placed (0.3 s a place on a busy account). Lookups by uuid or number keep their
-- own indexes: OrderRows.Where writes their account term as +account_id, so this one is not chosen for them.
CREATE INDEX orders_account_kind_state ON orders (account_id, kind, state);
