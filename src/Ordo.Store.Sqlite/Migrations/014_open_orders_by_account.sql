-- A place that allows one open order per attribute value (XendBridge: one open order per e-mail) looks
-- for an open order of the account, of its kind, with that value. Without this index it read every
-- order the account ever placed (0.3 s a place on a busy account). The index is partial on a term only
-- queries by attribute write (StoreReads.Filter), so SQLite, which has no statistics here, cannot pick
-- it for other queries: a general (account_id, kind, state) index won over orders_open_book for a bulk
-- cancel by market and read all of the account's open orders instead of the market's (half the speed).
CREATE INDEX orders_account_kind_state ON orders (account_id, kind, state) WHERE attributes <> '{}';
