-- Bulk rewrite of plan_result: its indexes go first and come back after (result-indexes-create.sql),
-- building an index once is far cheaper than maintaining it row by row through an insert and an update.
DROP INDEX IF EXISTS plan_result_order;
DROP INDEX IF EXISTS plan_result_admin1;
DROP INDEX IF EXISTS plan_result_admin2;
DROP INDEX IF EXISTS plan_result_class;
DROP INDEX IF EXISTS plan_result_geom;
DROP INDEX IF EXISTS plan_result_scope;
DROP INDEX IF EXISTS plan_result_technology;
DROP INDEX IF EXISTS plan_result_flag;
