-- Trades of the matching engine: one row per execution, both orders and both accounts.
CREATE TABLE trades (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    market           text        NOT NULL,
    price            numeric     NOT NULL,
    volume           numeric     NOT NULL,
    maker_order_id   bigint      NOT NULL,
    taker_order_id   bigint      NOT NULL,
    maker_account_id bigint      NOT NULL,
    taker_account_id bigint      NOT NULL,
    taker_side       text        NOT NULL,
    buyer_fee        numeric     NOT NULL,
    seller_fee       numeric     NOT NULL,
    created_at       timestamptz NOT NULL
);
CREATE INDEX trades_maker_account ON trades (maker_account_id, id);
CREATE INDEX trades_taker_account ON trades (taker_account_id, id);
CREATE INDEX trades_maker_order ON trades (maker_order_id);
CREATE INDEX trades_taker_order ON trades (taker_order_id);
