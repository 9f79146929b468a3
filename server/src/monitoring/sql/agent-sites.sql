-- What the agent needs to poll, credentials still encrypted (decrypted in store.ts).
SELECT s.id, s.host, s.port, s.snmp_version, s.credentials_enc, s.wan_if_index, s.wan_if_name,
  s.interval_s, s.timeout_s, s.committed_mbps, s.operator, f.kind AS facility_kind,
  coalesce(st.admin1_id, st.admin2_id) AS region
FROM monitored_site s
LEFT JOIN facility f ON f.id = s.facility_id
LEFT JOIN settlement st ON st.id = f.settlement_id
ORDER BY s.id
