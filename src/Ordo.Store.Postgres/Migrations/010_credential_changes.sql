-- Every change to credentials notifies the channel ordo_credentials, delivered to each node's
-- listening connection when the change commits (and not at all if it rolls back): the nodes empty
-- their caches of credentials. A statement trigger, so that no writer (a node, the `ordo` command,
-- an operator's SQL) can forget it. The payload names the schema, so that Ordo installations in
-- other schemas of the same database ignore it.
CREATE FUNCTION ordo_credentials_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ordo_credentials', current_schema());
    RETURN NULL;
END
$$;

CREATE TRIGGER credentials_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON credentials
    FOR EACH STATEMENT EXECUTE FUNCTION ordo_credentials_changed();
