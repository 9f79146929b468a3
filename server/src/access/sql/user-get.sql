SELECT id, email, display_name, role, regions, site_ids, disabled_at, created_at, updated_at, last_login_at
FROM app_user
WHERE id = :id
