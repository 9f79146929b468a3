-- Bit rates of one site over [from, to) in buckets of :bucket_s seconds, time-weighted per bucket.
SELECT (floor(extract(epoch FROM polled_at) / :bucket_s) * :bucket_s)::float8 AS bucket_s,
  sum(in_bps * rate_dt_s) / sum(rate_dt_s) AS in_bps,
  sum(out_bps * rate_dt_s) / sum(rate_dt_s) AS out_bps,
  max(greatest(in_bps, out_bps)) AS peak_bps
FROM poll_sample
WHERE site_id = :site_id AND in_bps IS NOT NULL AND rate_dt_s > 0
  AND polled_at >= to_timestamp(:from / 1000.0) AND polled_at < to_timestamp(:to / 1000.0)
GROUP BY 1
ORDER BY 1
