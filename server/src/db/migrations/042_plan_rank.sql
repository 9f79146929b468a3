-- Issue 14: a facility's rank is its position in the whole list, so one cheaper facility moves every
-- rank below it. Kept in plan_result, a cost-only re-rank rewrote ≈ 1.6 M wide rows at national scale
-- only for their rank (24 s of an 81 s re-rank); updating as many narrow rows by key costs as much per
-- row (28 s in psql), while writing them anew (TRUNCATE, COPY, key built after) takes ≈ 4 s. The ranks
-- live here, written whole by result-write.ts whenever any of them moved; readers join it by facility.
-- Only ranked facilities have a row (no row: no rank). Its writes move plan_result's stamp (018): the
-- process's copy of the results holds the ranks too.
CREATE TABLE plan_rank (
  facility_id text NOT NULL,
  rank        integer NOT NULL,
  CONSTRAINT plan_rank_pkey PRIMARY KEY (facility_id)
);
INSERT INTO plan_rank (facility_id, rank) SELECT facility_id, rank FROM plan_result WHERE rank IS NOT NULL;
ALTER TABLE plan_result DROP COLUMN rank;
CREATE TRIGGER plan_rank_written BEFORE INSERT OR UPDATE OR DELETE ON plan_rank
  FOR EACH STATEMENT EXECUTE FUNCTION plan_result_written();
CREATE TRIGGER plan_rank_truncated BEFORE TRUNCATE ON plan_rank
  FOR EACH STATEMENT EXECUTE FUNCTION plan_result_written();
