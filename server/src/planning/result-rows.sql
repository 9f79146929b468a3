-- How many results are stored (an in-place update needs exactly one per facility).
SELECT count(*)::int AS n FROM plan_result
