SELECT id, email, display_name, role, regions, site_ids, disabled_at, created_at, updated_at, last_login_at,
       count(*) OVER ()::int AS total
FROM app_user
WHERE (:role::text IS NULL OR role = :role)
  -- :q arrives with LIKE wildcards escaped (users.ts), so it matches literally.
  AND (:q::text IS NULL OR email ILIKE '%' || :q || '%' OR display_name ILIKE '%' || :q || '%')
ORDER BY email
LIMIT :limit OFFSET :offset
