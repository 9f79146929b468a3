-- Estimated down spans and maintenance windows of a batch of sites over [from, to);
-- site_id NULL on a maintenance row: it covers every site; a parent's covers its children.
SELECT site_id, 'down' AS kind, (extract(epoch FROM started_at) * 1000)::float8 AS f, (extract(epoch FROM ended_at) * 1000)::float8 AS t
FROM outage
WHERE site_id = ANY(:site_ids::text[]) AND estimated AND ended_at > to_timestamp(:from / 1000.0) AND started_at < to_timestamp(:to / 1000.0)
UNION ALL
SELECT site_id, 'maintenance', (extract(epoch FROM starts_at) * 1000)::float8, (extract(epoch FROM ends_at) * 1000)::float8
FROM maintenance_window
WHERE (site_id IS NULL OR site_id = ANY(:site_ids::text[])) AND ends_at > to_timestamp(:from / 1000.0) AND starts_at < to_timestamp(:to / 1000.0)
UNION ALL
-- A parent's maintenance (village PoP, tower) covers its children.
SELECT s.id, 'maintenance', (extract(epoch FROM w.starts_at) * 1000)::float8, (extract(epoch FROM w.ends_at) * 1000)::float8
FROM maintenance_window w JOIN monitored_site s ON s.parent_id = w.site_id
WHERE s.id = ANY(:site_ids::text[]) AND w.ends_at > to_timestamp(:from / 1000.0) AND w.starts_at < to_timestamp(:to / 1000.0)
