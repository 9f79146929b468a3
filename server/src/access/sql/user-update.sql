-- NULL keeps a field; disabled: true disables, false re-enables, NULL keeps.
UPDATE app_user SET
  display_name  = coalesce(:display_name, display_name),
  role          = coalesce(:role, role),
  regions       = coalesce(:regions::text[], regions),
  site_ids      = coalesce(:site_ids::text[], site_ids),
  password_hash = coalesce(:password_hash, password_hash),
  disabled_at   = CASE WHEN :disabled::boolean IS NULL THEN disabled_at
                       WHEN :disabled::boolean THEN coalesce(disabled_at, now())
                       ELSE NULL END,
  updated_at    = now()
WHERE id = :id
RETURNING id, email, display_name, role, regions, site_ids, disabled_at, created_at, updated_at, last_login_at
