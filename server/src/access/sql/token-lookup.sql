-- A live token of an enabled user. Marks it used (at most once a minute, to spare writes).
WITH hit AS (
  SELECT t.id, t.role, t.regions, t.site_ids, u.id AS user_id, u.email
  FROM api_token t
  JOIN app_user u ON u.id = t.user_id
  WHERE t.token_hash = :token_hash
    AND t.revoked_at IS NULL
    AND t.expires_at > now()
    AND u.disabled_at IS NULL
), touched AS (
  UPDATE api_token SET last_used_at = now()
  WHERE id IN (SELECT id FROM hit) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
)
SELECT id, role, regions, site_ids, user_id, email FROM hit
