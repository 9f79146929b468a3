-- Access and safety: users, sessions, API tokens and the append-only audit log.
-- Secrets never rest in clear: passwords as scrypt strings, session ids and tokens as SHA-256 hex.

CREATE TABLE app_user (
  id             bigserial PRIMARY KEY,
  -- The login: an e-mail address or a plain name ('admin'); stored lower-case.
  email          text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 1 AND 254),
  display_name   text,
  role           text NOT NULL CHECK (role IN ('admin', 'planner', 'partner', 'site')),
  -- Partner scope: admin1 ids (OCHA P-codes). Site scope: monitored site ids.
  regions        text[] NOT NULL DEFAULT '{}',
  site_ids       text[] NOT NULL DEFAULT '{}',
  password_hash  text NOT NULL,
  disabled_at    timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  last_login_at  timestamptz
);

CREATE TABLE user_session (
  id_hash       text PRIMARY KEY,            -- sha256(session id); the id itself lives only in the cookie
  user_id       bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz
);
CREATE INDEX user_session_user ON user_session (user_id);

CREATE TABLE api_token (
  id            bigserial PRIMARY KEY,
  token_hash    text NOT NULL UNIQUE,        -- sha256(token); the token is shown once at creation
  prefix        text NOT NULL,               -- first characters, so a user can tell tokens apart
  name          text NOT NULL,
  user_id       bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  -- 'metrics' is a token-only role: it may read /metrics and nothing else (Prometheus).
  role          text NOT NULL CHECK (role IN ('admin', 'planner', 'partner', 'site', 'metrics')),
  regions       text[] NOT NULL DEFAULT '{}',
  site_ids      text[] NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  last_used_at  timestamptz
);
CREATE INDEX api_token_user ON api_token (user_id);

CREATE TABLE audit_log (
  id       bigserial PRIMARY KEY,
  at       timestamptz NOT NULL DEFAULT now(),
  actor    text NOT NULL,                    -- 'anna@fund.kz', 'anna@fund.kz via token 7', 'system', 'anonymous'
  action   text NOT NULL,                    -- 'user.login', 'scenario.run', 'site.update', …
  target   text,                             -- 'user:12', 'scenario:3', 'site:KZ-0001'
  ip       text,
  details  jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_actor ON audit_log (actor);
CREATE INDEX audit_log_action ON audit_log (action);

-- Append-only: a row, once written, can be neither changed nor removed (TRUNCATE included).
CREATE FUNCTION audit_log_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_reject_change();
