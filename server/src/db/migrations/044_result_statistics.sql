-- Issue 14: a full recompute rewrites plan_result and then analyzes it (recompute.ts), and on the
-- bundled data that ANALYZE took 0.38–0.47 s of a 4 s run, most of it sorting the samples of columns
-- no query ever compares: names, costs, provenance. Statistics only steer the planner's estimates of
-- conditions, joins and groups, and these columns are only shown, summed or sorted for display. So
-- ANALYZE skips them (0.22–0.25 s). The ANALYZE stays whole-table: PostgreSQL resets its count of
-- changes since the last analyze only then (a column list would leave autovacuum to do it all again).
-- Every column a filter, join, group or the list's order reads keeps its statistics
-- (tests/db/planning-gaps-index.test.ts 'statistics after a rewrite' checks both lists).
ALTER TABLE plan_result
  ALTER COLUMN name SET STATISTICS 0,
  ALTER COLUMN name_ru SET STATISTICS 0,
  ALTER COLUMN name_kk SET STATISTICS 0,
  ALTER COLUMN name_en SET STATISTICS 0,
  ALTER COLUMN subkind SET STATISTICS 0,
  ALTER COLUMN settlement_name SET STATISTICS 0,
  ALTER COLUMN settlement_type SET STATISTICS 0,
  ALTER COLUMN provenance SET STATISTICS 0,
  ALTER COLUMN capex_usd SET STATISTICS 0,
  ALTER COLUMN opex_usd_per_year SET STATISTICS 0,
  ALTER COLUMN tco_usd SET STATISTICS 0,
  ALTER COLUMN tco_kzt SET STATISTICS 0,
  ALTER COLUMN standalone_tco_usd SET STATISTICS 0,
  ALTER COLUMN beneficiaries SET STATISTICS 0,
  ALTER COLUMN measured_state SET STATISTICS 0,
  ALTER COLUMN measured SET STATISTICS 0,
  ALTER COLUMN underserved SET STATISTICS 0,
  ALTER COLUMN share_group SET STATISTICS 0;
