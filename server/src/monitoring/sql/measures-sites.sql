-- The sites a measures pass covers (all when site_ids is null), with their idle flag so far.
SELECT s.id, s.interval_s, s.committed_mbps, m.idle
FROM monitored_site s
LEFT JOIN site_measure m ON m.site_id = s.id
WHERE (:site_ids::text[] IS NULL OR s.id = ANY(:site_ids::text[]))
ORDER BY s.id
