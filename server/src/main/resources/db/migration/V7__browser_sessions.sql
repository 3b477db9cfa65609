-- Single sign-on sessions. The cookie value is hashed before it reaches storage.
CREATE TABLE browser_sessions (
  id_hash          text PRIMARY KEY,
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at       timestamptz NOT NULL,
  authenticated_at timestamptz NOT NULL, -- OIDC auth_time
  expires_at       timestamptz NOT NULL,
  last_seen_at     timestamptz NOT NULL,
  amr              text[] NOT NULL DEFAULT '{}',
  acr              text,
  ended_at         timestamptz
);
CREATE INDEX browser_sessions_user_active_idx ON browser_sessions (user_id) WHERE ended_at IS NULL;
