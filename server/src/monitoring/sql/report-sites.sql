-- The sites an SLA report covers (one, an operator's, a contract's, or all), with their schedule
-- and facility kind (schools default to school hours).
SELECT s.id, s.name, s.facility_id, s.operator, s.contract, s.sla_target, s.interval_s, s.schedule, f.kind AS facility_kind
FROM monitored_site s
LEFT JOIN facility f ON f.id = s.facility_id
WHERE (:site_id::text IS NULL OR s.id = :site_id)
  AND (:operator::text IS NULL OR s.operator = :operator)
  AND (:contract::text IS NULL OR s.contract = :contract)
ORDER BY s.id
