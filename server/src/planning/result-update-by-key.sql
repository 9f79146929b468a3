-- Before the keyed updates of result-write.ts (result-update.sql, result-update-rows.sql): each row
-- sent is found by its primary key. Left to its costs the planner
-- reads the whole table for a hash join, in every slice: 15 ms of a 3,000-row update on the bundled
-- data, and a pass over millions of rows per slice at national scale. Returns the settings it
-- replaces (put back by result-update-by-key-end.sql); both last only to the end of the transaction.
SELECT current_setting('enable_hashjoin') AS hashjoin, current_setting('enable_mergejoin') AS mergejoin,
       set_config('enable_hashjoin', 'off', true) AS hashjoin_now, set_config('enable_mergejoin', 'off', true) AS mergejoin_now
