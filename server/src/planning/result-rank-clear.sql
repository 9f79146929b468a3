-- The ranks are written whole (migration 042): emptied, their key dropped and built once after the
-- rows (result-rank-copy.sql, result-rank-key.sql), far cheaper than keeping it up row by row.
TRUNCATE plan_rank;
ALTER TABLE plan_rank DROP CONSTRAINT plan_rank_pkey;
