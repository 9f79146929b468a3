SELECT t.id, t.prefix, t.name, t.user_id, u.email, t.role, t.regions, t.site_ids,
       t.created_at, t.expires_at, t.revoked_at, t.last_used_at
FROM api_token t
JOIN app_user u ON u.id = t.user_id
WHERE (:user_id::bigint IS NULL OR t.user_id = :user_id)
ORDER BY t.created_at DESC, t.id DESC
