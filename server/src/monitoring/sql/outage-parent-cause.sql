-- A site's outage that began while its parent (village PoP, tower) was down is the parent's doing:
-- cause `parent_down`. The parent's outage must overlap the child's start, allowing the child to
-- have noticed up to two of its intervals earlier (both are back-dated to their first failed poll).
-- Run when the child's outage opens and again when its alert falls due (the parent's own outage
-- may open a batch later). Returns the outage when it is (now) the parent's doing.
UPDATE outage o SET cause = 'parent_down'
FROM monitored_site s
WHERE o.site_id = :site_id AND o.started_at = to_timestamp(:started_at / 1000.0)
  AND s.id = o.site_id AND s.parent_id IS NOT NULL
  AND EXISTS (
    SELECT 1 FROM outage p
    WHERE p.site_id = s.parent_id
      AND p.started_at <= o.started_at + make_interval(secs => 2 * s.interval_s)
      AND (p.ended_at IS NULL OR p.ended_at > o.started_at))
RETURNING o.id
