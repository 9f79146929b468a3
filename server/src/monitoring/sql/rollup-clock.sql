-- The database's clock (epoch ms): a pass's scan time, so late polls are found by the same clock.
SELECT (extract(epoch FROM statement_timestamp()) * 1000)::float8 AS now
