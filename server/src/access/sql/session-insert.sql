INSERT INTO user_session (id_hash, user_id, expires_at)
VALUES (:id_hash, :user_id, now() + make_interval(secs => :ttl_seconds))
RETURNING expires_at
