-- The stamp the result write's own statements left (read in its transaction, before it commits).
SELECT stamp::text AS stamp FROM plan_result_write WHERE id = 1
