-- Polls of a batch of sites that can stand inside [from, to) (2 × the longest interval before it),
-- with the rate the rules derived for each, in time order per site.
SELECT p.site_id, (extract(epoch FROM p.polled_at) * 1000)::float8 AS at, p.outcome, p.if_admin_status,
  p.in_bps, p.out_bps, p.rate_dt_s
FROM poll_sample p
WHERE p.site_id = ANY(:site_ids::text[])
  AND p.polled_at >= to_timestamp(:from / 1000.0) - make_interval(secs => 2 * :max_interval_s)
  AND p.polled_at < to_timestamp(:to / 1000.0)
ORDER BY p.site_id, p.polled_at, p.sample_id
