-- The indexes of plan_result, as created by migrations 010_planning.sql and 012_plan_choice.sql.
CREATE INDEX plan_result_rank ON plan_result (rank);
CREATE INDEX plan_result_admin1 ON plan_result (admin1_id, rank);
CREATE INDEX plan_result_admin2 ON plan_result (admin2_id, rank);
CREATE INDEX plan_result_class ON plan_result (gap_class, rank);
CREATE INDEX plan_result_geom ON plan_result USING gist (geom);
CREATE INDEX plan_result_scope ON plan_result (in_scope, rank);
