-- A live token of an enabled user, with the user's current access: a token never reads more than its
-- owner may now. Partner regions and site ids are the intersection of the token's and the owner's
-- (an administrator's tokens keep what they were minted with); a token whose role is no longer the
-- owner's gives nothing. Marks it used (at most once a minute, to spare writes).
WITH hit AS (
  SELECT t.id, t.role, u.id AS user_id, u.email,
         CASE WHEN u.role = 'admin' THEN t.regions
              ELSE ARRAY(SELECT x FROM unnest(t.regions) x WHERE x = ANY (u.regions) ORDER BY x) END AS regions,
         CASE WHEN u.role = 'admin' THEN t.site_ids
              ELSE ARRAY(SELECT x FROM unnest(t.site_ids) x WHERE x = ANY (u.site_ids) ORDER BY x) END AS site_ids
  FROM api_token t
  JOIN app_user u ON u.id = t.user_id
  WHERE t.token_hash = :token_hash
    AND t.revoked_at IS NULL
    AND t.expires_at > now()
    AND u.disabled_at IS NULL
    AND (u.role = 'admin' OR t.role = u.role)
), touched AS (
  UPDATE api_token SET last_used_at = now()
  WHERE id IN (SELECT id FROM hit) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
)
SELECT id, role, regions, site_ids, user_id, email FROM hit
