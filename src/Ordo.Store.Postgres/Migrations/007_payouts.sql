-- Money owed to addresses outside Ordo (refunds of orders paid on chain): Ordo holds no key, so
-- each payout is written with its ledger movement to the external account, and the operator sends it.
CREATE TABLE payouts (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id   bigint      NOT NULL,
    account_id bigint      NOT NULL,
    asset      text        NOT NULL,
    amount     numeric     NOT NULL,
    address    text        NOT NULL,
    reason     text        NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX payouts_account ON payouts (account_id, id);
CREATE INDEX payouts_order ON payouts (order_id);
