-- One-time values (tanX login messages and order nonces) kept in the database, so a value issued
-- by one node can be spent through another, once. The id keeps insertion order for equal expiries
-- (SQLite's rowid).
CREATE TABLE nonces (
    id         bigint      GENERATED ALWAYS AS IDENTITY,
    kind       text        NOT NULL,
    owner      text        NOT NULL,
    value      text        NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (kind, owner, value)
);

CREATE INDEX nonces_by_expiry ON nonces (kind, expires_at);
