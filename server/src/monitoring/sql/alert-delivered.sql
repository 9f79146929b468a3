-- An alert the webhook accepted: delivered, its last error cleared.
UPDATE alert_outbox SET delivered_at = to_timestamp(:now / 1000.0), last_error = NULL WHERE id = :id
