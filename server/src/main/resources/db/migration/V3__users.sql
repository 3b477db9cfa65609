-- End users. Usernames and e-mail addresses are unique regardless of case.
CREATE TABLE users (
  id             uuid PRIMARY KEY,
  username       text NOT NULL CHECK (username <> ''),
  email          text,
  email_verified boolean NOT NULL DEFAULT false,
  display_name   text,
  status         text NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
  created_at     timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE UNIQUE INDEX users_email_key ON users (lower(email)) WHERE email IS NOT NULL;

-- One row per (user, credential type): 'password' now (a PHC string); MFA secrets and passkeys
-- get their own types later without touching the users table.
CREATE TABLE user_credentials (
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type       text NOT NULL CHECK (type <> ''),
  secret     text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, type)
);
