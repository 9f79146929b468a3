-- Settlements without mobile broadband (no 3G/4G/5G at the settlement point), with what the PPP
-- view needs: population, names, region, and the fibre measures of the gap engine.
SELECT s.id AS settlement_id, s.name, s.name_ru, s.name_kk, s.name_en, s.admin1_id, s.admin2_id,
       coalesce(s.population, 0) AS population, ps.pop_in_settlement, ps.pop_distance_m, ps.route_distance_m,
       ps.mobile_technology, ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat
FROM settlement s
JOIN plan_settlement ps ON ps.settlement_id = s.id
WHERE (ps.mobile_technology IS NULL OR ps.mobile_technology NOT IN ('3G', '4G', '5G'))
  AND (:region::text IS NULL OR s.admin1_id = :region OR s.admin2_id = :region)
  AND (:regions::text[] IS NULL OR s.admin1_id = ANY (:regions::text[]))
ORDER BY s.id COLLATE "C"
