-- Trades of the matching engine: one row per execution, both orders and both accounts.
CREATE TABLE trades (
    id               INTEGER PRIMARY KEY,
    market           TEXT    NOT NULL,
    price            TEXT    NOT NULL,
    volume           TEXT    NOT NULL,
    maker_order_id   INTEGER NOT NULL,
    taker_order_id   INTEGER NOT NULL,
    maker_account_id INTEGER NOT NULL,
    taker_account_id INTEGER NOT NULL,
    taker_side       TEXT    NOT NULL,
    buyer_fee        TEXT    NOT NULL,
    seller_fee       TEXT    NOT NULL,
    created_at       INTEGER NOT NULL
);
CREATE INDEX trades_maker_account ON trades (maker_account_id, id);
CREATE INDEX trades_taker_account ON trades (taker_account_id, id);
CREATE INDEX trades_maker_order ON trades (maker_order_id);
CREATE INDEX trades_taker_order ON trades (taker_order_id);
