SELECT id, at, kind, details FROM site_event
WHERE site_id = :site_id AND at >= to_timestamp(:from / 1000.0) AND at < to_timestamp(:to / 1000.0)
ORDER BY at DESC, id DESC
LIMIT :limit
