-- Every change to a registered client (from any node or the CLI) is announced on the
-- 'gatehouse_client_changed' channel with the client_id as payload. Nodes LISTEN on it to drop
-- their cached copy (client/CachedClientRepository). NOTIFY is transactional: it is delivered
-- when the change commits, and never for a rolled-back change.
CREATE FUNCTION gatehouse_notify_client_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('gatehouse_client_changed', OLD.client_id);
  ELSE
    PERFORM pg_notify('gatehouse_client_changed', NEW.client_id);
    IF TG_OP = 'UPDATE' AND OLD.client_id <> NEW.client_id THEN
      PERFORM pg_notify('gatehouse_client_changed', OLD.client_id);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER registered_clients_changed
  AFTER INSERT OR UPDATE OR DELETE ON registered_clients
  FOR EACH ROW EXECUTE FUNCTION gatehouse_notify_client_changed();

-- TRUNCATE fires no row triggers: announce '*' (every client) instead.
CREATE FUNCTION gatehouse_notify_clients_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('gatehouse_client_changed', '*');
  RETURN NULL;
END
$$;

CREATE TRIGGER registered_clients_truncated
  AFTER TRUNCATE ON registered_clients
  FOR EACH STATEMENT EXECUTE FUNCTION gatehouse_notify_clients_truncated();
