INSERT INTO audit_log (actor, action, target, ip, details)
VALUES (:actor, :action, :target, :ip, :details::jsonb)
RETURNING id, at
