-- Refresh tokens rotate (OAuth 2.1 §4.3.1, RFC 9700 §4.14.2). Every token of a grant belongs to
-- one family (the grant); a rotated token points at its successor so reuse can be detected.
CREATE TABLE refresh_tokens (
  token_hash     text PRIMARY KEY,
  grant_id       uuid NOT NULL REFERENCES authorization_grants (grant_id) ON DELETE CASCADE,
  parent_hash    text, -- the token this one replaced; NULL for the first of a family
  issued_at      timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL,
  rotated_at     timestamptz,
  successor_hash text,
  revoked_at     timestamptz,
  CONSTRAINT refresh_tokens_rotation_pair CHECK ((rotated_at IS NULL) = (successor_hash IS NULL))
);
CREATE INDEX refresh_tokens_grant_idx ON refresh_tokens (grant_id);
