INSERT INTO api_token (token_hash, prefix, name, user_id, role, regions, site_ids, expires_at)
VALUES (:token_hash, :prefix, :name, :user_id, :role, :regions::text[], :site_ids::text[],
        now() + make_interval(days => :ttl_days))
RETURNING id, prefix, name, user_id, role, regions, site_ids, created_at, expires_at, revoked_at, last_used_at
