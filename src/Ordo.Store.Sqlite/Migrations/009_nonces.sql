-- One-time values (tanX login messages and order nonces) kept in the database, so a value issued
-- by one process can be spent through another, once.
CREATE TABLE nonces (
    kind       TEXT    NOT NULL,
    owner      TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (kind, owner, value)
);

CREATE INDEX nonces_by_expiry ON nonces (kind, expires_at);
