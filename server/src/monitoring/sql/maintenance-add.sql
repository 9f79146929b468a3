-- A planned maintenance window for one site.
INSERT INTO maintenance_window (site_id, starts_at, ends_at, reason)
VALUES (:site_id, :starts_at, :ends_at, :reason)
RETURNING id
