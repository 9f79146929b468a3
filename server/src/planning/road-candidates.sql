-- Facilities whose fibre is close enough that the along-road length matters (geodesic ≤ max drop:
-- a road path is never shorter than the geodesic), with both ends of each possible drop.
SELECT m.facility_id, ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat,
       CASE WHEN m.pop_distance_m <= :max_drop_m THEN m.pop_lon END AS pop_lon,
       CASE WHEN m.pop_distance_m <= :max_drop_m THEN m.pop_lat END AS pop_lat,
       CASE WHEN m.route_distance_m <= :max_drop_m THEN m.splice_lon END AS splice_lon,
       CASE WHEN m.route_distance_m <= :max_drop_m THEN m.splice_lat END AS splice_lat
FROM plan_measure m
JOIN facility f ON f.id = m.facility_id
WHERE (m.pop_distance_m <= :max_drop_m OR m.route_distance_m <= :max_drop_m)
  AND (:ids::text[] IS NULL OR m.facility_id = ANY (:ids::text[]))
ORDER BY m.facility_id COLLATE "C"
