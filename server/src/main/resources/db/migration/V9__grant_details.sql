-- What every token of a grant must repeat (OIDC Core §2 auth_time/acr/amr, sid, the §5.5 claims
-- request, RFC 8707 resources), kept on the grant so refreshed tokens say the same.
ALTER TABLE authorization_grants
  ADD COLUMN auth_time      timestamptz,
  ADD COLUMN acr            text,
  ADD COLUMN amr            text[] NOT NULL DEFAULT '{}',
  ADD COLUMN session_id     text,
  ADD COLUMN claims_request jsonb,
  ADD COLUMN resources      text[] NOT NULL DEFAULT '{}';
CREATE INDEX authorization_grants_session_idx ON authorization_grants (session_id) WHERE session_id IS NOT NULL;
