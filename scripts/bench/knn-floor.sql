-- The exact KNN floor of the full recompute (issue 14): for every facility, its nearest PoP and
-- nearest built route piece by `<->` on the geography indexes with the spheroid distance of the
-- winner, the best mobile coverage containing it, and its settlement (given, else the nearest).
-- What any correct gap engine must at least do; the recompute adds splice points, road paths,
-- planned routes, regions, costs, choices and writes.
SELECT count(*)::int AS facilities, round(sum(pop.d + rt.d))::float8 AS metres,
       count(cov.technology)::int AS covered, count(coalesce(f.settlement_id, sn.id))::int AS attached
FROM facility f
CROSS JOIN LATERAL (
  SELECT ST_Distance(p.geom::geography, f.geom::geography) AS d FROM fibre_pop p
  ORDER BY p.geom::geography <-> f.geom::geography LIMIT 1) pop
CROSS JOIN LATERAL (
  SELECT ST_Distance(r.geog, f.geom::geography) AS d FROM plan_route_piece r
  ORDER BY r.geog <-> f.geom::geography LIMIT 1) rt
LEFT JOIN LATERAL (
  SELECT c.technology FROM plan_coverage_piece c
  WHERE ST_Intersects(c.geom, f.geom) ORDER BY c.tech_rank DESC LIMIT 1) cov ON true
LEFT JOIN LATERAL (
  SELECT s.id FROM settlement s WHERE f.settlement_id IS NULL
  ORDER BY s.geom::geography <-> f.geom::geography LIMIT 1) sn ON true
