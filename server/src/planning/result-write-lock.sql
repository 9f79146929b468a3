-- The stamp of plan_result's contents (migration 018), locked until the result write commits: no
-- other writer can slip in between this read and the write that trusts it.
SELECT stamp::text AS stamp FROM plan_result_write WHERE id = 1 FOR UPDATE
