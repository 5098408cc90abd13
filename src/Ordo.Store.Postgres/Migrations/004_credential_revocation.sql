-- Credentials can be revoked and can be marked as demo credentials (see SQLite's 004). A revoked
-- credential keeps its row but frees its lookup key: the unique rule moves to a partial index over
-- live credentials, which is also the index every credential lookup reads.
ALTER TABLE credentials ADD COLUMN demo boolean NOT NULL DEFAULT false;
ALTER TABLE credentials ADD COLUMN revoked_at timestamptz;
ALTER TABLE credentials DROP CONSTRAINT credentials_dialect_lookup_key;
CREATE UNIQUE INDEX credentials_live_lookup ON credentials (dialect, lookup_key) WHERE revoked_at IS NULL;

-- A database seeded by --demo before this version: every credential of the account that holds the
-- demo native key (its SHA-256 below, of 'ordo_demo_native_key') is a demo credential.
UPDATE credentials SET demo = true WHERE account_id IN (
    SELECT account_id FROM credentials
    WHERE dialect = 'native' AND lookup_key = '72e018ee220172e2f9c328080a296d8c57ff43a5a6ee762688f920edd48c1cf3');
