-- The other order of outage-parent-cause.sql: a parent's outage has just opened, and outages of its
-- children that began up to two of their intervals after it, or before it while it is still open,
-- are its doing: cause `parent_down`. Without this a child that noticed first (its polls fell
-- earlier in the interval, its batch was written first) kept `unreachable` whenever the outage
-- ended before its alert fell due (issue 12 fault table, regional outage row).
UPDATE outage o SET cause = 'parent_down'
FROM monitored_site s, outage p
WHERE p.site_id = :site_id AND p.started_at = to_timestamp(:started_at / 1000.0)
  AND s.parent_id = p.site_id AND o.site_id = s.id AND o.cause <> 'parent_down'
  AND p.started_at <= o.started_at + make_interval(secs => 2 * s.interval_s)
  AND (p.ended_at IS NULL OR p.ended_at > o.started_at)
RETURNING o.id
