-- Takes the spans marked for recomputation by the maintenance and outage triggers (migration 025).
DELETE FROM rollup_dirty
RETURNING site_id, (extract(epoch FROM from_at) * 1000)::float8 AS from_ms, (extract(epoch FROM to_at) * 1000)::float8 AS to_ms
