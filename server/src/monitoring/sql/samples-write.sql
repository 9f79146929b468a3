-- Writes a batch in one statement: each poll once, with what the rules derived from it (given as
-- one JSON array of poll_sample rows keyed by column name: the poll table's columns, the poll's own
-- and the derived rate; the row type is the table's, so a column added by a migration and named in
-- the poll table needs no change here), the advanced state of every site of the batch and the
-- events the rules raised (reboot, implausible rate, …; a repeat is skipped). The
-- caller holds the sites' state locks and has left out what is stored already; a conflict would
-- still be skipped, never doubled. Returns how many polls were inserted.
WITH inserted AS (
  INSERT INTO poll_sample
  SELECT p.*
  FROM jsonb_array_elements(:rows::jsonb) AS e(r)
  CROSS JOIN LATERAL jsonb_populate_record(NULL::poll_sample, e.r || jsonb_build_object('received_at', now())) AS p
  ON CONFLICT DO NOTHING
  RETURNING 1
), saved AS (
  UPDATE site_state st SET status = r.status, status_since = to_timestamp(r.status_since / 1000.0),
    last_polled_at = to_timestamp(r.last_at / 1000.0), last_outcome = r.last_outcome,
    last_error = r.last_error, sys_uptime_s = r.sys_uptime_s, state = r.state, updated_at = now()
  FROM jsonb_to_recordset(:states::jsonb) AS r(site_id text, status text, status_since double precision,
    last_at double precision, last_outcome text, last_error text, sys_uptime_s double precision, state jsonb)
  WHERE st.site_id = r.site_id
  RETURNING 1
), events AS (
  INSERT INTO site_event (site_id, at, kind, details)
  SELECT e.site_id, to_timestamp(e.at / 1000.0), e.kind, e.details
  FROM jsonb_to_recordset(:events::jsonb) AS e(site_id text, at double precision, kind text, details jsonb)
  ON CONFLICT (site_id, kind, at) DO NOTHING
  RETURNING 1
)
SELECT (SELECT count(*) FROM inserted)::int AS inserted
