-- How far the hourly rollups are done, and when the last pass looked (epoch ms).
SELECT (extract(epoch FROM done_until) * 1000)::float8 AS done_until,
       (extract(epoch FROM checked_at) * 1000)::float8 AS checked_at
FROM rollup_progress
