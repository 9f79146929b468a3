-- Estimated down spans (reboots between two up polls) and maintenance windows over [from, to).
SELECT 'down' AS kind, (extract(epoch FROM started_at) * 1000)::float8 AS f, (extract(epoch FROM ended_at) * 1000)::float8 AS t
FROM outage
WHERE site_id = :site_id AND estimated AND ended_at > to_timestamp(:from / 1000.0) AND started_at < to_timestamp(:to / 1000.0)
UNION ALL
SELECT 'maintenance', (extract(epoch FROM starts_at) * 1000)::float8, (extract(epoch FROM ends_at) * 1000)::float8
FROM maintenance_window
WHERE (site_id IS NULL OR site_id = :site_id
       OR site_id = (SELECT parent_id FROM monitored_site WHERE id = :site_id)) -- the parent's covers it
  AND ends_at > to_timestamp(:from / 1000.0) AND starts_at < to_timestamp(:to / 1000.0)
