-- Newest first; every filter optional, all bound.
SELECT id, at, actor, action, target, ip, details, count(*) OVER ()::int AS total
FROM audit_log
-- An actor filter also finds that person's token calls; an action filter 'user' finds 'user.*'.
-- Prefix tests use left(), not LIKE, so a '%' in a filter is just a character.
WHERE (:actor::text IS NULL OR actor = :actor OR left(actor, length(:actor) + 11) = :actor || ' via token ')
  AND (:action::text IS NULL OR action = :action OR left(action, length(:action) + 1) = :action || '.')
  AND (:target::text IS NULL OR target = :target)
  AND (:since::timestamptz IS NULL OR at >= :since)
  AND (:until::timestamptz IS NULL OR at < :until)
ORDER BY at DESC, id DESC
LIMIT :limit OFFSET :offset
