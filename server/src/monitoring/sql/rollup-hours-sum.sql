-- Sum of one site's hourly rollups over [from, to) (hour-aligned).
SELECT coalesce(sum(observed_s), 0)::float8 AS observed_s, coalesce(sum(up_s), 0)::float8 AS up_s,
  coalesce(sum(maintenance_s), 0)::float8 AS maintenance_s
FROM site_rollup_hour
WHERE site_id = :site_id AND hour >= to_timestamp(:from / 1000.0) AND hour < to_timestamp(:to / 1000.0)
