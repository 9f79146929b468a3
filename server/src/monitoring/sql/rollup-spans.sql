-- Estimated down spans and maintenance windows of a batch of sites over [from, to), per site: a
-- window for every site (site_id NULL) or for the site's parent covers it too, as in
-- availability-spans.sql.
SELECT site_id, 'down' AS kind, (extract(epoch FROM started_at) * 1000)::float8 AS f, (extract(epoch FROM ended_at) * 1000)::float8 AS t
FROM outage
WHERE site_id = ANY(:site_ids::text[]) AND estimated AND ended_at > to_timestamp(:from / 1000.0) AND started_at < to_timestamp(:to / 1000.0)
UNION ALL
SELECT s.id, 'maintenance', (extract(epoch FROM m.starts_at) * 1000)::float8, (extract(epoch FROM m.ends_at) * 1000)::float8
FROM monitored_site s
JOIN maintenance_window m ON m.site_id IS NULL OR m.site_id = s.id OR m.site_id = s.parent_id
WHERE s.id = ANY(:site_ids::text[]) AND m.ends_at > to_timestamp(:from / 1000.0) AND m.starts_at < to_timestamp(:to / 1000.0)
