-- The oldest raw poll (epoch ms), where a first history pass starts.
SELECT (extract(epoch FROM min(polled_at)) * 1000)::float8 AS at FROM poll_sample
