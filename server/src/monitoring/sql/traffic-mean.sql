-- Time-weighted mean bit rate per direction over [from, to), from the cleaned per-interval rates.
SELECT sum(in_bps * rate_dt_s) / nullif(sum(rate_dt_s), 0) AS mean_in_bps,
       sum(out_bps * rate_dt_s) / nullif(sum(rate_dt_s), 0) AS mean_out_bps
FROM poll_sample
WHERE site_id = :site_id AND in_bps IS NOT NULL
  AND polled_at >= to_timestamp(:from / 1000.0) AND polled_at < to_timestamp(:to / 1000.0)
