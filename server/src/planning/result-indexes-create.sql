-- The indexes of plan_result, as first created by migration 010_planning.sql.
CREATE INDEX plan_result_rank ON plan_result (rank);
CREATE INDEX plan_result_admin1 ON plan_result (admin1_id, rank);
CREATE INDEX plan_result_admin2 ON plan_result (admin2_id, rank);
CREATE INDEX plan_result_class ON plan_result (gap_class, rank);
CREATE INDEX plan_result_geom ON plan_result USING gist (geom);
