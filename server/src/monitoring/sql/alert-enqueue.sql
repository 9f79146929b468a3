-- One alert per outage and kind: the unique key makes a replayed batch harmless. An outage caused
-- by the site's parent being down alerts nobody: the parent's own alert says it once.
-- Due from the poll that detected it (its clock, so replayed history is not mistaken for new).
INSERT INTO alert_outbox (outage_id, kind, next_attempt_at, payload)
SELECT o.id, :kind::text, to_timestamp(:at / 1000.0), jsonb_build_object(
    'kind', :kind::text, 'siteId', s.id, 'siteName', s.name, 'facilityId', s.facility_id,
    'operator', s.operator, 'cause', o.cause, 'startedAt', o.started_at,
    'endedAt', o.ended_at, 'durationS', extract(epoch FROM (o.ended_at - o.started_at)),
    'detectedAt', to_timestamp(:at / 1000.0))
FROM outage o JOIN monitored_site s ON s.id = o.site_id
WHERE o.site_id = :site_id AND o.started_at = to_timestamp(:started_at / 1000.0) AND o.cause <> 'parent_down'
ON CONFLICT (outage_id, kind) DO NOTHING
