-- Facilities whose fibre is close enough that the along-road length matters (geodesic ≤ max drop:
-- a road path is never shorter than the geodesic), with both ends of each possible drop, from the
-- fresh measures (plan_measure_stage; all of them, or share :part of :parts as facility-measures.sql).
SELECT m.facility_id, ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat,
       CASE WHEN m.pop_distance_m <= :max_drop_m THEN m.pop_lon END AS pop_lon,
       CASE WHEN m.pop_distance_m <= :max_drop_m THEN m.pop_lat END AS pop_lat,
       CASE WHEN m.route_distance_m <= :max_drop_m THEN m.splice_lon END AS splice_lon,
       CASE WHEN m.route_distance_m <= :max_drop_m THEN m.splice_lat END AS splice_lat
FROM plan_measure_stage m
JOIN facility f ON f.id = m.facility_id
WHERE (m.pop_distance_m <= :max_drop_m OR m.route_distance_m <= :max_drop_m)
  AND (:parts::int IS NULL OR (hashtext(m.facility_id) & 2147483647) % :parts::int = :part::int)
ORDER BY m.facility_id COLLATE "C"
