-- Ordo schema, first version. Money and quantities are exact decimal text; times are unix milliseconds.

CREATE TABLE accounts (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    email      TEXT,
    created_at INTEGER NOT NULL
);

-- System accounts (see SystemAccounts): 1 receives fees, 2 is the outside world for deposits.
INSERT INTO accounts (id, name, email, created_at) VALUES (1, 'platform', NULL, 0), (2, 'external', NULL, 0);

CREATE TABLE credentials (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    dialect       TEXT    NOT NULL,
    lookup_key    TEXT    NOT NULL,
    secret_hash   TEXT,
    sealed_secret TEXT,
    scopes        TEXT    NOT NULL,
    attributes    TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    UNIQUE (dialect, lookup_key)
);

CREATE TABLE balances (
    account_id INTEGER NOT NULL,
    asset      TEXT    NOT NULL,
    available  TEXT    NOT NULL,
    locked     TEXT    NOT NULL,
    PRIMARY KEY (account_id, asset)
) WITHOUT ROWID;

CREATE TABLE ledger_entries (
    id          INTEGER PRIMARY KEY,
    movement_id INTEGER NOT NULL,
    account_id  INTEGER NOT NULL,
    asset       TEXT    NOT NULL,
    bucket      TEXT    NOT NULL,
    amount      TEXT    NOT NULL,
    order_id    INTEGER,
    reason      TEXT    NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX ledger_entries_movement ON ledger_entries (movement_id);
CREATE INDEX ledger_entries_order ON ledger_entries (order_id) WHERE order_id IS NOT NULL;

CREATE TABLE markets (
    name             TEXT    PRIMARY KEY,
    base             TEXT    NOT NULL,
    quote            TEXT    NOT NULL,
    price_precision  INTEGER NOT NULL,
    volume_precision INTEGER NOT NULL,
    min_volume       TEXT    NOT NULL,
    maker_fee        TEXT    NOT NULL,
    taker_fee        TEXT    NOT NULL
);

CREATE TABLE orders (
    id                  INTEGER PRIMARY KEY,
    uuid                TEXT    NOT NULL UNIQUE,
    number              TEXT    NOT NULL,
    client_order_id     TEXT,
    account_id          INTEGER NOT NULL,
    dialect             TEXT    NOT NULL,
    kind                TEXT    NOT NULL,
    side                TEXT,
    type                TEXT,
    market              TEXT,
    price               TEXT,
    quantity            TEXT    NOT NULL,
    filled_quantity     TEXT    NOT NULL,
    filled_value        TEXT    NOT NULL,
    asset               TEXT,
    amount_locked       TEXT    NOT NULL,
    amount_paid         TEXT    NOT NULL,
    amount_refunded     TEXT    NOT NULL,
    fee                 TEXT    NOT NULL,
    state               TEXT    NOT NULL,
    cancel_requested    INTEGER NOT NULL,
    cancel_reason       TEXT,
    cancelled_by        TEXT,
    cancel_not_before   INTEGER NOT NULL,
    cancel_fee_rate     TEXT    NOT NULL,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    cancelled_at        INTEGER,
    first_fill_at       INTEGER,
    duration            INTEGER,
    expires_at          INTEGER,
    attributes          TEXT    NOT NULL,
    version             INTEGER NOT NULL
);
CREATE UNIQUE INDEX orders_dialect_number ON orders (dialect, number);
CREATE UNIQUE INDEX orders_client_order_id ON orders (account_id, client_order_id) WHERE client_order_id IS NOT NULL;
CREATE INDEX orders_account ON orders (account_id, id);
CREATE INDEX orders_due ON orders (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE order_events (
    seq           INTEGER PRIMARY KEY,
    order_id      INTEGER NOT NULL,
    type          TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    actor_kind    TEXT    NOT NULL,
    actor_account INTEGER,
    reason        TEXT,
    at            INTEGER NOT NULL,
    data          TEXT    NOT NULL
);
CREATE INDEX order_events_order ON order_events (order_id, seq);

-- Ids of fills and deposits already applied, per scope: the guard against applying one twice.
CREATE TABLE external_ids (
    scope       TEXT NOT NULL,
    external_id TEXT NOT NULL,
    PRIMARY KEY (scope, external_id)
) WITHOUT ROWID;

CREATE TABLE idempotency_keys (
    scope        TEXT    NOT NULL,
    key          TEXT    NOT NULL,
    request_hash TEXT    NOT NULL,
    status_code  INTEGER NOT NULL,
    content_type TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
) WITHOUT ROWID;
