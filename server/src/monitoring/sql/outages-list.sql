-- Outages of one site overlapping [from, to), newest first.
SELECT id, started_at, ended_at, cause, last_good_at, estimated,
  extract(epoch FROM (coalesce(ended_at, to_timestamp(:to / 1000.0)) - started_at))::float8 AS duration_s
FROM outage
WHERE site_id = :site_id
  AND coalesce(ended_at, 'infinity'::timestamptz) > to_timestamp(:from / 1000.0)
  AND started_at < to_timestamp(:to / 1000.0)
ORDER BY started_at DESC
LIMIT :limit
