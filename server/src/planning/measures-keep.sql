-- The fresh measures (plan_measure_stage) join plan_measure; the caller has removed the rows they replace.
INSERT INTO plan_measure (
  facility_id, row_hash, settlement_id, attach_method, attach_distance_m, admin1_id, admin2_id,
  pop_id, pop_distance_m, pop_lon, pop_lat, route_id, route_distance_m, splice_lon, splice_lat,
  road_path_pop_m, road_path_splice_m, road_snap_m, road_note,
  mobile_technology, spatial_hash, planned_route_id, planned_distance_m, planned_year)
SELECT facility_id, row_hash, settlement_id, attach_method, attach_distance_m, admin1_id, admin2_id,
       pop_id, pop_distance_m, pop_lon, pop_lat, route_id, route_distance_m, splice_lon, splice_lat,
       road_path_pop_m, road_path_splice_m, road_snap_m, road_note,
       mobile_technology, spatial_hash, planned_route_id, planned_distance_m, planned_year
FROM plan_measure_stage
