-- Hours already rolled up that a poll arrived for since :since (a replay from an agent's buffer,
-- a late batch): per site, the first and last hour it can change (its predecessor's standing ends
-- at it, up to 2 × interval earlier). Only [:oldest, :done_until) is looked at.
SELECT p.site_id,
  (floor((extract(epoch FROM min(p.polled_at)) - 2 * max(s.interval_s)) / 3600) * 3600000)::float8 AS from_ms,
  ((floor(extract(epoch FROM max(p.polled_at)) / 3600) + 1) * 3600000)::float8 AS to_ms
FROM poll_sample p
JOIN monitored_site s ON s.id = p.site_id
WHERE p.received_at >= to_timestamp(:since / 1000.0)
  AND p.polled_at >= to_timestamp(:oldest / 1000.0) AND p.polled_at < to_timestamp(:done_until / 1000.0)
GROUP BY p.site_id
