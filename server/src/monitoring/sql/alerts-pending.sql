-- Alerts in the outbox not delivered yet (a metric: a growing number means the webhook fails).
SELECT count(*)::int AS n FROM alert_outbox WHERE delivered_at IS NULL
