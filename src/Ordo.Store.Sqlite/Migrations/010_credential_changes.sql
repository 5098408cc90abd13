-- One counter that every change to credentials bumps in its own transaction, whoever writes the
-- file (the server, or the `ordo` command in another process): a server polls it to know when
-- its cache of credentials is stale. Triggers, so that no writer can forget it; a migration that
-- rebuilds the credentials table must create them again.
CREATE TABLE credential_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO credential_changes (id, version) VALUES (1, 0);

CREATE TRIGGER credentials_inserted AFTER INSERT ON credentials
BEGIN
    UPDATE credential_changes SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER credentials_updated AFTER UPDATE ON credentials
BEGIN
    UPDATE credential_changes SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER credentials_deleted AFTER DELETE ON credentials
BEGIN
    UPDATE credential_changes SET version = version + 1 WHERE id = 1;
END;
