-- Credentials can be revoked and can be marked as demo credentials (fixed, published secrets that
-- only a server started with --demo accepts). A revoked credential keeps its row, so who had access
-- and until when stays on record, but it frees its lookup key (a tanX address, a source flag) for a
-- new credential: the unique rule moves to a partial index over live credentials, which is also the
-- index every credential lookup reads. SQLite cannot drop a table's UNIQUE clause, so the table is
-- rebuilt; nothing references it.
CREATE TABLE credentials_new (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    dialect       TEXT    NOT NULL,
    lookup_key    TEXT    NOT NULL,
    secret_hash   TEXT,
    sealed_secret TEXT,
    scopes        TEXT    NOT NULL,
    attributes    TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    demo          INTEGER NOT NULL DEFAULT 0,
    revoked_at    INTEGER
);
INSERT INTO credentials_new (id, account_id, dialect, lookup_key, secret_hash, sealed_secret, scopes, attributes, created_at)
    SELECT id, account_id, dialect, lookup_key, secret_hash, sealed_secret, scopes, attributes, created_at FROM credentials;
DROP TABLE credentials;
ALTER TABLE credentials_new RENAME TO credentials;
CREATE UNIQUE INDEX credentials_live_lookup ON credentials (dialect, lookup_key) WHERE revoked_at IS NULL;

-- A database seeded by --demo before this version: every credential of the account that holds the
-- demo native key (its SHA-256 below, of 'ordo_demo_native_key') is a demo credential.
UPDATE credentials SET demo = 1 WHERE account_id IN (
    SELECT account_id FROM credentials
    WHERE dialect = 'native' AND lookup_key = '72e018ee220172e2f9c328080a296d8c57ff43a5a6ee762688f920edd48c1cf3');
