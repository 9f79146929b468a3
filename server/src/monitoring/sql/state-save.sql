UPDATE site_state SET status = :status, status_since = to_timestamp(:status_since / 1000.0),
  last_polled_at = to_timestamp(:last_at / 1000.0), last_outcome = :last_outcome,
  last_error = :last_error, sys_uptime_s = :sys_uptime_s, state = :state::jsonb, updated_at = now()
WHERE site_id = :site_id
