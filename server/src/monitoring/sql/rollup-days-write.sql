-- Writes the daily rollups (Kazakhstan days, UTC+5) of a batch of sites over the days in
-- [from, to) (day-aligned) as sums of their hourly rollups.
INSERT INTO site_rollup_day (site_id, day, observed_s, up_s, maintenance_s, rated_s, in_bytes, out_bytes, samples)
SELECT site_id, (date_trunc('day', (hour AT TIME ZONE 'UTC') + interval '5 hours') - interval '5 hours') AT TIME ZONE 'UTC',
  sum(observed_s), sum(up_s), sum(maintenance_s), sum(rated_s), sum(in_bytes), sum(out_bytes), sum(samples)::integer
FROM site_rollup_hour
WHERE site_id = ANY(:site_ids::text[]) AND hour >= to_timestamp(:from / 1000.0) AND hour < to_timestamp(:to / 1000.0)
GROUP BY 1, 2
