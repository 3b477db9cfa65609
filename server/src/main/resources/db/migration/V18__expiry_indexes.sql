-- The expired-rows cleanup (app/ExpiredRowsCleanup) deletes by expires_at in small batches;
-- these tables had no index on it (the others got one with their table).
CREATE INDEX refresh_tokens_expiry_idx ON refresh_tokens (expires_at);
CREATE INDEX browser_sessions_expiry_idx ON browser_sessions (expires_at);
CREATE INDEX authorization_codes_expiry_idx ON authorization_codes (expires_at);
