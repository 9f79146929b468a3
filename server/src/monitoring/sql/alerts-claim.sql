-- Claims due alerts for one delivery attempt by pushing their next attempt out by a lease, so two
-- dispatchers (two servers) never send the same alert at the same time.
UPDATE alert_outbox SET next_attempt_at = to_timestamp(:now / 1000.0) + make_interval(secs => :lease_s),
  attempts = attempts + 1
WHERE id IN (
  SELECT id FROM alert_outbox
  WHERE delivered_at IS NULL AND next_attempt_at <= to_timestamp(:now / 1000.0)
  ORDER BY id LIMIT :limit
  FOR UPDATE SKIP LOCKED
)
RETURNING id, kind, payload, attempts
