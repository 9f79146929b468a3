-- Inserts a batch of polls given as one JSON array; replays (same sample_id) and polls of sites
-- that no longer exist are skipped. Returns the ids actually inserted.
INSERT INTO poll_sample (sample_id, site_id, polled_at, outcome, rtt_ms, sys_uptime, engine_boots,
  if_index, if_oper_status, if_admin_status, in_octets, out_octets, counter_bits, if_speed_mbps,
  discontinuity_time, error)
SELECT r.sample_id, r.site_id, to_timestamp(r.polled_at / 1000.0), r.outcome, r.rtt_ms, r.sys_uptime,
  r.engine_boots, r.if_index, r.if_oper_status, r.if_admin_status, r.in_octets::numeric(20),
  r.out_octets::numeric(20), r.counter_bits, r.if_speed_mbps, r.discontinuity_time, r.error
FROM jsonb_to_recordset(:rows::jsonb) AS r(sample_id text, site_id text, polled_at double precision,
  outcome text, rtt_ms double precision, sys_uptime bigint, engine_boots bigint, if_index integer,
  if_oper_status integer, if_admin_status integer, in_octets text, out_octets text, counter_bits smallint,
  if_speed_mbps double precision, discontinuity_time bigint, error text)
WHERE EXISTS (SELECT 1 FROM monitored_site s WHERE s.id = r.site_id)
ON CONFLICT (sample_id, polled_at) DO NOTHING
RETURNING sample_id
