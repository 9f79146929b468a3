-- Per settlement: a PoP serving it, the nearest PoP and built route (spheroid metres), best mobile
-- technology. KNN (<->) on the geography indexes picks 4 candidates; the exact distance decides.
TRUNCATE plan_settlement;
INSERT INTO plan_settlement (settlement_id, pop_in_settlement, pop_distance_m, route_distance_m, mobile_technology)
SELECT s.id,
       EXISTS (SELECT 1 FROM fibre_pop p WHERE p.settlement_id = s.id),
       pop.d, rt.d, cov.technology
FROM settlement s
LEFT JOIN LATERAL (
  SELECT min(ST_Distance(c.geom::geography, s.geom::geography)) AS d
  FROM (SELECT p.geom FROM fibre_pop p ORDER BY p.geom::geography <-> s.geom::geography LIMIT 4) c
) pop ON true
LEFT JOIN LATERAL (
  SELECT min(ST_Distance(c.geog, s.geom::geography)) AS d
  FROM (SELECT r.geog FROM plan_route_piece r ORDER BY r.geog <-> s.geom::geography LIMIT 4) c
) rt ON true
LEFT JOIN LATERAL (
  SELECT c.technology FROM plan_coverage_piece c
  WHERE ST_Intersects(c.geom, s.geom) ORDER BY c.tech_rank DESC, c.technology LIMIT 1
) cov ON true;
