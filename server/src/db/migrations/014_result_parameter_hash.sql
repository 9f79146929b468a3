-- Issue 14: a cost-only re-rank rewrites only the rows whose figures changed (result-update.sql).
-- 1. A per-row parameter hash would go stale on the other rows: the hash the results were computed
--    with is plan_state.parameter_hash, one place.
-- 2. The list's indexes follow the score (rank = position by score descending, then facility id in
--    byte order: rank.ts), not the rank column, and the table leaves room in its pages: a row whose
--    only change is its rank (most rows, when one technology's cost moves) is then a HOT update that
--    touches no index, instead of new entries in six of them.
ALTER TABLE plan_result DROP COLUMN parameter_hash;
DROP INDEX IF EXISTS plan_result_rank;
DROP INDEX IF EXISTS plan_result_admin1;
DROP INDEX IF EXISTS plan_result_admin2;
DROP INDEX IF EXISTS plan_result_class;
DROP INDEX IF EXISTS plan_result_scope;
CREATE INDEX plan_result_order ON plan_result (score DESC NULLS LAST, facility_id COLLATE "C");
CREATE INDEX plan_result_admin1 ON plan_result (admin1_id, score DESC NULLS LAST, facility_id COLLATE "C");
CREATE INDEX plan_result_admin2 ON plan_result (admin2_id, score DESC NULLS LAST, facility_id COLLATE "C");
CREATE INDEX plan_result_class ON plan_result (gap_class, score DESC NULLS LAST, facility_id COLLATE "C");
CREATE INDEX plan_result_scope ON plan_result (in_scope, score DESC NULLS LAST, facility_id COLLATE "C");
ALTER TABLE plan_result SET (fillfactor = 50);
