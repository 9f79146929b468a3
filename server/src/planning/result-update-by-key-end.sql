-- After the keyed updates: the join settings result-update-by-key.sql replaced, for the statements
-- that follow in the same transaction (the plan_state save recompute runs alongside).
SELECT set_config('enable_hashjoin', :hashjoin, true) AS hashjoin, set_config('enable_mergejoin', :mergejoin, true) AS mergejoin
