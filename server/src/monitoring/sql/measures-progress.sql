-- How far the hourly rollups are final (history.ts): before it, measures read rollups.
SELECT (extract(epoch FROM done_until) * 1000)::float8 AS done_until FROM rollup_progress
