-- Writes what the rules derived for each processed poll (rate of the interval ending there).
UPDATE poll_sample p SET in_bps = r.in_bps, out_bps = r.out_bps, rate_dt_s = r.dt_s,
  rate_note = r.note, processed = r.processed
FROM jsonb_to_recordset(:rows::jsonb) AS r(sample_id text, in_bps double precision,
  out_bps double precision, dt_s double precision, note text, processed boolean)
WHERE p.sample_id = r.sample_id
