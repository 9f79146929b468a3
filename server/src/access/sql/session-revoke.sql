UPDATE user_session SET revoked_at = now() WHERE id_hash = :id_hash AND revoked_at IS NULL
