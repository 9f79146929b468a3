-- Issue 14: an explicit full recompute rewrites plan_result and then analyzes it (recompute.ts). On
-- the bundled data that ANALYZE took 330–451 ms on PostgreSQL 15, most of it sorting the samples of
-- columns no query's plan depends on: names, costs, provenance. Statistics steer the planner's
-- estimates of conditions, joins and groups (and a text column's width, for sort and hash memory);
-- these columns are shown, summed, or sorted for display by a top-N sort with no index. So ANALYZE
-- skips them: 164–241 ms (same run, `recompute(…, { full: true })` phases). Embedded (PGlite, C
-- collation) and at 2.2 M facilities (ANALYZE samples 30,000 rows: 1.0–1.1 s) nothing measurable.
-- The one statement that compares them is the cost-only update's IS DISTINCT FROM check
-- (result-update.sql, when no copy is held): its join is keyed (hash and merge joins are off), so
-- the estimate cannot change its plan. The ANALYZE stays whole-table: PostgreSQL resets its count of
-- changes since the last analyze only then (a column list would leave autovacuum to do it all again).
-- The rank order (score, facility_id) and every column a filter, join or group reads keep their
-- statistics (tests/db/planning-gaps-index.test.ts 'statistics after a rewrite' checks both lists).
-- A database analyzed before this migration keeps its old statistics of these columns (SET
-- STATISTICS 0 skips a column, it does not delete what is there); nothing reads them.
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
