-- Token side of issue 3. Client metadata the token endpoint acts on (RFC 7591 §2 / OIDC
-- Dynamic Client Registration §2 names):
--   id_token_signed_response_alg  OIDC Core §3.1.3.7: RS256 unless the client registered another
--   jwks / jwks_uri               RFC 7523 §2.2 private_key_jwt: the client's public keys (at most one)
--   allowed_cors_origins          W3C Fetch origins ("https://app.example.com") that browser apps
--                                 call the token, userinfo, revocation, discovery and JWKS endpoints
--                                 from. Explicit, never derived from redirect URIs: a server-side
--                                 web app's redirect URI must not grant its origin browser access.
ALTER TABLE registered_clients
  ADD COLUMN id_token_signed_response_alg text NOT NULL DEFAULT 'RS256'
    CHECK (id_token_signed_response_alg IN ('RS256', 'ES256', 'EdDSA')),
  ADD COLUMN jwks                  jsonb,
  ADD COLUMN jwks_uri              text,
  ADD COLUMN allowed_cors_origins  text[] NOT NULL DEFAULT '{}',
  ADD CONSTRAINT registered_clients_one_key_source CHECK (jwks IS NULL OR jwks_uri IS NULL);

-- RFC 7523 §3 item 7: a client assertion's jti is single-use. Kept until the assertion expires
-- (after that its exp refuses it anyway); the token endpoint deletes expired rows as it goes.
CREATE TABLE client_assertion_jtis (
  client_id  text NOT NULL REFERENCES registered_clients (client_id) ON DELETE CASCADE,
  jti        text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (client_id, jti)
);
CREATE INDEX client_assertion_jtis_expiry_idx ON client_assertion_jtis (expires_at);

-- RFC 7009 §2: revoked access tokens that belong to no grant (client credentials: nothing is
-- stored when they are issued). Tokens of a grant are revoked by revoking the grant. Kept until
-- the token would have expired.
CREATE TABLE revoked_access_tokens (
  jti        text PRIMARY KEY,
  client_id  text NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX revoked_access_tokens_expiry_idx ON revoked_access_tokens (expires_at);
