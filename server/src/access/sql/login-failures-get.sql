-- The failure counters that apply to one sign-in attempt: (login, client) and, unless the client is a
-- known device, ('*', client) for guesses spread over many logins.
SELECT account, failures, last_at
FROM login_failure
WHERE client = :client AND account = ANY (:accounts::text[])
