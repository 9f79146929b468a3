-- One more failed sign-in for (account, client); a counter idle for :reset_s seconds starts again at 1.
INSERT INTO login_failure (account, client, failures, last_at)
VALUES (:account, :client, 1, now())
ON CONFLICT (account, client) DO UPDATE
SET failures = CASE WHEN login_failure.last_at < now() - make_interval(secs => :reset_s::float8) THEN 1
                    ELSE login_failure.failures + 1 END,
    last_at = now()
