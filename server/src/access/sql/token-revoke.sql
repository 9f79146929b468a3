UPDATE api_token SET revoked_at = coalesce(revoked_at, now())
WHERE id = :id AND (:user_id::bigint IS NULL OR user_id = :user_id)
RETURNING id, name, user_id, role
