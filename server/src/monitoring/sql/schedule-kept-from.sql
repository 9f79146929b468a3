-- Where one site's raw polls and hourly rollups begin now (epoch ms, null: none left), and whether
-- polls once stood in [from, to) before that: a rollup with polls that ended before the first kept
-- one. Whole hours and days only, so a site that simply began mid-day is not taken for a drop.
WITH k AS (
  SELECT (SELECT (extract(epoch FROM min(polled_at)) * 1000)::float8 FROM poll_sample WHERE site_id = :site_id) AS raw_from,
    (SELECT (extract(epoch FROM min(hour)) * 1000)::float8 FROM site_rollup_hour WHERE site_id = :site_id) AS hours_from
)
SELECT k.raw_from, k.hours_from,
  EXISTS (
    SELECT 1 FROM site_rollup_hour h
    WHERE h.site_id = :site_id AND h.samples > 0 AND h.hour + interval '1 hour' > to_timestamp(:from / 1000.0)
      AND h.hour + interval '1 hour' <= to_timestamp(least(coalesce(k.raw_from, :to), :to) / 1000.0)
  ) OR EXISTS (
    SELECT 1 FROM site_rollup_day d
    WHERE d.site_id = :site_id AND d.samples > 0 AND d.day + interval '1 day' > to_timestamp(:from / 1000.0)
      AND d.day + interval '1 day' <= to_timestamp(least(coalesce(k.raw_from, :to), :to) / 1000.0)
  ) AS raw_dropped,
  EXISTS (
    SELECT 1 FROM site_rollup_day d
    WHERE d.site_id = :site_id AND d.samples > 0 AND d.day + interval '1 day' > to_timestamp(:from / 1000.0)
      AND d.day + interval '1 day' <= to_timestamp(least(coalesce(k.hours_from, :to), :to) / 1000.0)
  ) AS hours_dropped
FROM k
