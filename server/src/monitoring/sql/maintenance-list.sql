-- The maintenance windows that cover one site (its own and those for every site), newest first.
SELECT id, site_id, starts_at, ends_at, reason
FROM maintenance_window
WHERE site_id = :site_id OR site_id IS NULL
ORDER BY starts_at DESC
LIMIT 100
