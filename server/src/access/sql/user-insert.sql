INSERT INTO app_user (email, display_name, role, regions, site_ids, password_hash)
VALUES (:email, :display_name, :role, :regions::text[], :site_ids::text[], :password_hash)
RETURNING id, email, display_name, role, regions, site_ids, disabled_at, created_at, updated_at, last_login_at
