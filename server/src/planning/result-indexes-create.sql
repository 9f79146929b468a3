-- The indexes of plan_result, as migrations 014_result_parameter_hash.sql and
-- 043_result_technology_flag_index.sql leave them (ordered as the list is: score descending, then
-- facility id in byte order, which is the rank's order).
CREATE INDEX plan_result_order ON plan_result (score DESC NULLS LAST, facility_id COLLATE "C");
CREATE INDEX plan_result_admin1 ON plan_result (admin1_id, score DESC NULLS LAST, facility_id COLLATE "C");
CREATE INDEX plan_result_admin2 ON plan_result (admin2_id, score DESC NULLS LAST, facility_id COLLATE "C");
CREATE INDEX plan_result_class ON plan_result (gap_class, score DESC NULLS LAST, facility_id COLLATE "C");
CREATE INDEX plan_result_geom ON plan_result USING gist (geom);
CREATE INDEX plan_result_scope ON plan_result (in_scope, score DESC NULLS LAST, facility_id COLLATE "C");
CREATE INDEX plan_result_technology ON plan_result (technology, score DESC NULLS LAST, facility_id COLLATE "C");
CREATE INDEX plan_result_flag ON plan_result (measured_flag, score DESC NULLS LAST, facility_id COLLATE "C")
  WHERE measured_flag IS NOT NULL;
