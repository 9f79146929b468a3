-- Where one site's raw polls begin now (epoch ms, null: none left), and whether its daily rollups
-- hold anything in [from, before that): time whose raw polls the retention has dropped.
WITH r AS (
  SELECT (extract(epoch FROM min(polled_at)) * 1000)::float8 AS raw_from FROM poll_sample WHERE site_id = :site_id
)
SELECT r.raw_from, EXISTS (
  SELECT 1 FROM site_rollup_day d
  WHERE d.site_id = :site_id AND d.day + interval '1 day' > to_timestamp(:from / 1000.0)
    AND d.day < to_timestamp(least(coalesce(r.raw_from, :to), :to) / 1000.0)
) AS dropped
FROM r
