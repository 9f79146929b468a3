UPDATE user_session SET revoked_at = now()
WHERE user_id = :user_id AND revoked_at IS NULL
  AND (:except_hash::text IS NULL OR id_hash <> :except_hash)
