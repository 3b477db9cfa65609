-- Registered clients (RFC 7591 metadata we act on). Secrets are stored as a keyed hash made
-- elsewhere (DESIGN.md §6: fast keyed hash for machine secrets); the store treats it as opaque.
CREATE TABLE registered_clients (
  client_id                  text PRIMARY KEY CHECK (client_id <> ''),
  client_name                text NOT NULL,
  client_type                text NOT NULL CHECK (client_type IN ('CONFIDENTIAL', 'PUBLIC')),
  secret_hash                text,
  secret_rotated_at          timestamptz,
  redirect_uris              text[] NOT NULL DEFAULT '{}',
  grant_types                text[] NOT NULL DEFAULT '{}',
  scopes                     text[] NOT NULL DEFAULT '{}',
  token_endpoint_auth_method text NOT NULL,
  post_logout_redirect_uris  text[] NOT NULL DEFAULT '{}',
  first_party                boolean NOT NULL DEFAULT false,
  -- NULL means "use the server default".
  access_token_ttl_seconds   bigint CHECK (access_token_ttl_seconds > 0),
  refresh_token_ttl_seconds  bigint CHECK (refresh_token_ttl_seconds > 0),
  id_token_ttl_seconds       bigint CHECK (id_token_ttl_seconds > 0),
  created_at                 timestamptz NOT NULL,
  -- A public client cannot keep a secret (RFC 6749 §2.1).
  CONSTRAINT registered_clients_public_has_no_secret
    CHECK (client_type = 'CONFIDENTIAL' OR secret_hash IS NULL)
);
