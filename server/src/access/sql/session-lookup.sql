-- A live session of an enabled user; expired, revoked and disabled all read as "no session".
SELECT u.id AS user_id, u.email, u.role, u.regions, u.site_ids, s.expires_at
FROM user_session s
JOIN app_user u ON u.id = s.user_id
WHERE s.id_hash = :id_hash
  AND s.revoked_at IS NULL
  AND s.expires_at > now()
  AND u.disabled_at IS NULL
