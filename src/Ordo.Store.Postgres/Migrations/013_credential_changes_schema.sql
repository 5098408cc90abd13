-- The notification of a credential change names the schema of the changed table (TG_TABLE_SCHEMA),
-- not the changing session's current schema (010 used current_schema()): an operator's UPDATE of
-- ordo.credentials from a psql session on the default search path notified "public", and every node
-- of the "ordo" installation ignored it, keeping a revoked key cached as live.
CREATE OR REPLACE FUNCTION ordo_credentials_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ordo_credentials', TG_TABLE_SCHEMA);
    RETURN NULL;
END
$$;
