-- Remembered consent: the scopes a user has agreed to give a client.
CREATE TABLE consents (
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  client_id  text NOT NULL REFERENCES registered_clients (client_id) ON DELETE CASCADE,
  scopes     text[] NOT NULL DEFAULT '{}',
  granted_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, client_id)
);
CREATE INDEX consents_client_idx ON consents (client_id);
