-- Sites with their facility, live status and periodic measures; never the credentials column.
-- regions / site_ids narrow to the caller's scope (partners: admin1 regions; site staff: sites).
SELECT s.id, s.facility_id, s.name, s.host, s.port, s.snmp_version, s.auth_protocol, s.priv_protocol,
  s.wan_if_index, s.wan_if_name, s.interval_s, s.timeout_s, s.committed_mbps, s.sla_target, s.operator, s.contract,
  s.contact_phone, s.share_token, s.created_at, s.updated_at, s.schedule, s.parent_id,
  f.kind AS facility_kind, coalesce(f.name_ru, f.name, f.name_en) AS facility_name,
  ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat,
  se.admin1_id AS region, st.status, st.status_since, st.last_polled_at, st.last_outcome, st.last_error, st.sys_uptime_s,
  m.availability_24h, m.availability_7d, m.availability_30d, m.availability_month,
  m.coverage_24h, m.coverage_month, m.idle, m.chronically_unavailable, m.mean_bps_7d
FROM monitored_site s
LEFT JOIN facility f ON f.id = s.facility_id
LEFT JOIN site_state st ON st.site_id = s.id
LEFT JOIN site_measure m ON m.site_id = s.id
LEFT JOIN settlement se ON se.id = f.settlement_id
WHERE (:regions::text[] IS NULL OR se.admin1_id = ANY(:regions))
  AND (:site_ids::text[] IS NULL OR s.id = ANY(:site_ids))
  AND (:id::text IS NULL OR s.id = :id)
  AND (:share_token::text IS NULL OR s.share_token = :share_token)
  AND (:operator::text IS NULL OR s.operator = :operator)
ORDER BY s.id
LIMIT :limit OFFSET :offset
