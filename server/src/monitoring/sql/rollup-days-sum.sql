-- Sum of one site's daily rollups over [from, to) (aligned on Kazakhstan days).
SELECT coalesce(sum(observed_s), 0)::float8 AS observed_s, coalesce(sum(up_s), 0)::float8 AS up_s,
  coalesce(sum(maintenance_s), 0)::float8 AS maintenance_s
FROM site_rollup_day
WHERE site_id = :site_id AND day >= to_timestamp(:from / 1000.0) AND day < to_timestamp(:to / 1000.0)
