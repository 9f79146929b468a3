UPDATE app_user SET last_login_at = now() WHERE id = :id
