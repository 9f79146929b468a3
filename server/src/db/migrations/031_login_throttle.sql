-- Failed sign-ins, counted per login and client (an address, or a device that signed in before),
-- so a stranger's guesses slow down only the stranger: the right password from a known device or
-- another address still works. Rows are removed by a success, an admin unlock, or time.
CREATE TABLE login_failure (
  account   text NOT NULL,          -- the login as typed, normalised; '*' counts all logins of a client
  client    text NOT NULL,          -- 'ip:<address or /64>' or 'device:<hash prefix>'
  failures  integer NOT NULL CHECK (failures > 0),
  last_at   timestamptz NOT NULL,
  PRIMARY KEY (account, client)
);

-- Browsers that signed in successfully to an account: a random id in an httpOnly cookie, stored hashed.
CREATE TABLE known_device (
  id_hash       text PRIMARY KEY,
  user_id       bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX known_device_user ON known_device (user_id);
