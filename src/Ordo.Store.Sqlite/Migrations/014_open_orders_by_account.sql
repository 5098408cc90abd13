-- A place that allows one open order per attribute value (XendBridge: one open order per e-mail) looks
-- for an open order of the account, of its kind, with that value. Without an index it read every order
-- the account ever placed (0.3 s a place on a busy account, inside the writer). Only p2p orders have
-- such an attribute today, so the index holds only them: a general (account_id, kind, state) index made
-- every cancel and place pay one more index, and SQLite (no statistics) chose it over orders_open_book
-- for a bulk cancel by market. Queries by attribute write their kind as a literal (StoreReads.Filter), so
-- their kept statement need not be planned again for each kind bound. PostgreSQL answers the same check from its GIN index on attributes.
CREATE INDEX orders_p2p_by_account ON orders (account_id, state) WHERE kind = 'P2p';
