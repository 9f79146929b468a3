-- The sites a history pass rolls up, with their interval and parent (a parent's maintenance covers its children).
SELECT id, interval_s, parent_id FROM monitored_site ORDER BY id
