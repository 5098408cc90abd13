-- Money owed to addresses outside Ordo (refunds of orders paid on chain): Ordo holds no key, so
-- each payout is written with its ledger movement to the external account, and the operator sends it.
CREATE TABLE payouts (
    id         INTEGER PRIMARY KEY,
    order_id   INTEGER NOT NULL,
    account_id INTEGER NOT NULL,
    asset      TEXT    NOT NULL,
    amount     TEXT    NOT NULL,
    address    TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX payouts_account ON payouts (account_id, id);
CREATE INDEX payouts_order ON payouts (order_id);
