-- Raw polls of many sites that can stand inside [from, to) (from 2 × the longest interval before),
-- with their derived rates: the short pieces of the measure windows that no rollup covers yet.
SELECT site_id, (extract(epoch FROM polled_at) * 1000)::float8 AS at, outcome, if_admin_status,
  in_bps, out_bps, rate_dt_s
FROM poll_sample
WHERE site_id = ANY(:site_ids::text[])
  AND polled_at >= to_timestamp(:from / 1000.0) - make_interval(secs => 2 * :max_interval_s)
  AND polled_at < to_timestamp(:to / 1000.0)
ORDER BY site_id, polled_at, sample_id
