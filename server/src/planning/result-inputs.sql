-- What the pure evaluation needs per facility: its attributes, its measures, its settlement's and
-- what monitoring measured there (facility_measured_state).
-- Keyset pages (facility_id > :after) in the column's own collation, so the primary key serves them.
-- :parts / :part (both null: everyone) read one of :parts shares that keep a settlement whole
-- (facilities without a settlement go by their own id), for a cost stage run share by share.
SELECT m.facility_id, f.kind, f.subkind, f.connection, f.measured_mbps, f.students, f.staff, f.population_served,
       f.name, f.name_ru, f.name_kk, f.name_en, f.provenance, ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat,
       m.settlement_id, coalesce(s.name_ru, s.name, s.name_kk, s.name_en) AS settlement_name,
       s.population AS settlement_population, s.place AS settlement_place, m.admin1_id, m.admin2_id,
       ps.pop_in_settlement, ps.pop_distance_m AS settlement_pop_m, ps.route_distance_m AS settlement_route_m,
       m.attach_method, m.attach_distance_m, m.pop_id, m.pop_distance_m, m.pop_lon, m.pop_lat,
       m.route_id, m.route_distance_m, m.splice_lon, m.splice_lat,
       m.road_path_pop_m, m.road_path_splice_m, m.road_snap_m, m.road_note, m.mobile_technology,
       m.planned_route_id, m.planned_distance_m, m.planned_year,
       ms.state AS measured_state, ms.measured, ms.site_id, ms.availability_7d, ms.availability_30d
FROM plan_measure m
JOIN facility f ON f.id = m.facility_id
LEFT JOIN settlement s ON s.id = m.settlement_id
LEFT JOIN plan_settlement ps ON ps.settlement_id = m.settlement_id
LEFT JOIN facility_measured_state ms ON ms.facility_id = m.facility_id
WHERE (:id::text IS NULL OR m.facility_id = :id)
  AND (:settlement::text IS NULL OR m.settlement_id = :settlement)
  AND (:parts::int IS NULL OR (hashtext(coalesce(m.settlement_id, m.facility_id)) & 2147483647) % :parts::int = :part::int)
  AND m.facility_id > :after
ORDER BY m.facility_id
LIMIT :limit
