-- Authorization requests waiting for the user (login, consent) between our pages. The row is keyed
-- by a hash of the random id the page carries; the CSRF token and the browser-binding cookie are
-- stored as hashes too. Rows are short-lived and single-use (deleted when the code is issued or
-- the user denies).
CREATE TABLE pending_authorizations (
  id_hash          text PRIMARY KEY,
  client_id        text NOT NULL REFERENCES registered_clients (client_id) ON DELETE CASCADE,
  request          jsonb NOT NULL,
  csrf_hash        text NOT NULL,
  browser_hash     text NOT NULL,
  user_id          uuid REFERENCES users (id) ON DELETE CASCADE, -- set once the user signed in for it
  created_at       timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL
);
CREATE INDEX pending_authorizations_expiry_idx ON pending_authorizations (expires_at);
