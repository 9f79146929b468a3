-- Everything /metrics shows per site, in one pass. Labels: site id, facility kind, region, operator.
SELECT s.id, coalesce(f.kind, 'unknown') AS facility_kind, coalesce(se.admin1_id, 'unknown') AS region,
  coalesce(s.operator, 'unknown') AS operator,
  s.interval_s, st.status, st.last_outcome, st.state -> 'polls' AS polls,
  coalesce((st.state ->> 'adminDown')::boolean, false) AS admin_down, extract(epoch FROM st.last_polled_at)::float8 AS last_poll_s,
  lr.last_reply,
  m.availability_24h, m.availability_7d, m.availability_30d, m.availability_month,
  r.in_bps, r.out_bps
FROM monitored_site s
LEFT JOIN facility f ON f.id = s.facility_id
LEFT JOIN settlement se ON se.id = f.settlement_id
LEFT JOIN site_state st ON st.site_id = s.id
LEFT JOIN site_measure m ON m.site_id = s.id
-- The last reply's row: every poll-table column, exported as the poll table says (metrics.ts).
LEFT JOIN LATERAL (
  SELECT to_jsonb(p) AS last_reply FROM poll_sample p
  WHERE p.site_id = s.id AND p.outcome IN ('up', 'link_down') ORDER BY p.polled_at DESC LIMIT 1
) lr ON true
LEFT JOIN LATERAL (
  SELECT p.in_bps, p.out_bps FROM poll_sample p
  WHERE p.site_id = s.id AND p.processed ORDER BY p.polled_at DESC LIMIT 1
) r ON true
ORDER BY s.id
