-- Polls of one site that can stand inside [from, to): from 2 × interval before the window.
SELECT (extract(epoch FROM polled_at) * 1000)::float8 AS at, outcome, if_admin_status
FROM poll_sample
WHERE site_id = :site_id
  AND polled_at >= to_timestamp(:from / 1000.0) - make_interval(secs => 2 * :interval_s)
  AND polled_at < to_timestamp(:to / 1000.0)
ORDER BY polled_at, sample_id
