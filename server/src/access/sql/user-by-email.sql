-- For login only: the one query that reads password_hash.
SELECT id, email, role, password_hash, disabled_at
FROM app_user
WHERE email = :email
