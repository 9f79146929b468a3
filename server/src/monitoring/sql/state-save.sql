-- Saves the advanced state of every site of a batch in one statement.
UPDATE site_state st SET status = r.status, status_since = to_timestamp(r.status_since / 1000.0),
  last_polled_at = to_timestamp(r.last_at / 1000.0), last_outcome = r.last_outcome,
  last_error = r.last_error, sys_uptime_s = r.sys_uptime_s, state = r.state, updated_at = now()
FROM jsonb_to_recordset(:rows::jsonb) AS r(site_id text, status text, status_since double precision,
  last_at double precision, last_outcome text, last_error text, sys_uptime_s double precision, state jsonb)
WHERE st.site_id = r.site_id
