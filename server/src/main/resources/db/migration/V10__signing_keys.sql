-- Signing keys for JWTs (access tokens, ID tokens). One row per key; the private key is
-- encrypted at rest with the key-encryption key (AES-256-GCM, the kid as associated data).
--
-- Lifecycle: published from created_at; signs from activates_at until retires_at; stays in the
-- JWKS until expires_at (= retires_at + max token lifetime) so tokens it signed still verify;
-- then deleted. retires_at/expires_at stay NULL until a successor is scheduled.
CREATE TABLE signing_keys (
  kid                   text        PRIMARY KEY,
  algorithm             text        NOT NULL,
  created_at            timestamptz NOT NULL,
  activates_at          timestamptz NOT NULL,
  retires_at            timestamptz,
  expires_at            timestamptz,
  public_jwk            text        NOT NULL, -- kept byte-for-byte as served in the JWKS
  encrypted_private_key bytea       NOT NULL,
  CONSTRAINT signing_keys_retire_and_expire_together CHECK ((retires_at IS NULL) = (expires_at IS NULL)),
  CONSTRAINT signing_keys_expire_after_retire CHECK (expires_at >= retires_at),
  CONSTRAINT signing_keys_activate_after_create CHECK (activates_at >= created_at)
);

CREATE INDEX signing_keys_expires_at ON signing_keys (expires_at) WHERE expires_at IS NOT NULL;
