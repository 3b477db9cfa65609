-- One authorization aggregate per grant (DESIGN.md §4.8): revoking the grant revokes its code and
-- every refresh token it issued. Codes are stored as hashes only (DESIGN.md §4.9).
CREATE TABLE authorization_grants (
  grant_id   uuid PRIMARY KEY,
  client_id  text NOT NULL REFERENCES registered_clients (client_id) ON DELETE CASCADE,
  user_id    uuid REFERENCES users (id) ON DELETE CASCADE, -- NULL for client_credentials
  scopes     text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX authorization_grants_client_idx ON authorization_grants (client_id);
CREATE INDEX authorization_grants_user_idx ON authorization_grants (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE authorization_codes (
  code_hash             text PRIMARY KEY,
  grant_id              uuid NOT NULL UNIQUE REFERENCES authorization_grants (grant_id) ON DELETE CASCADE,
  redirect_uri          text NOT NULL,
  code_challenge        text,
  code_challenge_method text,
  nonce                 text,
  expires_at            timestamptz NOT NULL,
  consumed_at           timestamptz,
  revoked_at            timestamptz,
  CONSTRAINT authorization_codes_pkce_pair
    CHECK ((code_challenge IS NULL) = (code_challenge_method IS NULL))
);
