-- Creates or replaces a monitored site (bulk import upserts by id) and gives it an initial state.
WITH s AS (
  INSERT INTO monitored_site (id, facility_id, name, host, port, snmp_version, credentials_enc,
    auth_protocol, priv_protocol, wan_if_index, wan_if_name, interval_s, committed_mbps, sla_target,
    operator, contract, contact_phone, share_token, timeout_s, schedule, parent_id)
  VALUES (:id, :facility_id, :name, :host, :port, :snmp_version, :credentials_enc,
    :auth_protocol, :priv_protocol, :wan_if_index, :wan_if_name, :interval_s, :committed_mbps, :sla_target,
    :operator, :contract, :contact_phone, :share_token, :timeout_s, :schedule::jsonb, :parent_id)
  ON CONFLICT (id) DO UPDATE SET
    facility_id = EXCLUDED.facility_id, name = EXCLUDED.name, host = EXCLUDED.host, port = EXCLUDED.port,
    snmp_version = EXCLUDED.snmp_version, credentials_enc = EXCLUDED.credentials_enc,
    auth_protocol = EXCLUDED.auth_protocol, priv_protocol = EXCLUDED.priv_protocol,
    wan_if_index = EXCLUDED.wan_if_index, wan_if_name = EXCLUDED.wan_if_name,
    interval_s = EXCLUDED.interval_s, committed_mbps = EXCLUDED.committed_mbps,
    sla_target = EXCLUDED.sla_target, operator = EXCLUDED.operator, contract = EXCLUDED.contract,
    contact_phone = EXCLUDED.contact_phone, timeout_s = EXCLUDED.timeout_s,
    schedule = EXCLUDED.schedule, parent_id = EXCLUDED.parent_id, updated_at = now()
  RETURNING id
)
INSERT INTO site_state (site_id, state)
SELECT id, :initial_state::jsonb FROM s
ON CONFLICT (site_id) DO NOTHING
RETURNING site_id
