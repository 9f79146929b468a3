-- An alert the webhook refused: the error kept, the next attempt after the back-off.
UPDATE alert_outbox SET last_error = :error, next_attempt_at = to_timestamp(:retry_at / 1000.0) WHERE id = :id
