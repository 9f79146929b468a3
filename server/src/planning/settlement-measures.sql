-- Per settlement: a PoP serving it, the nearest PoP and built route (spheroid metres), best mobile
-- technology, into plan_settlement_stage (measures.ts moves them). KNN (<->) on the geography
-- indexes picks 4 candidates by sphere distance; the spheroid distance decides among those within
-- 1.1 % of the nearest, and among every one within when all 4 are (see facility-measures.sql). All settlements, or share :part of :parts (by a
-- hash of the id, as facility-measures.sql); the caller has emptied the stage.
INSERT INTO plan_settlement_stage (settlement_id, pop_in_settlement, pop_distance_m, route_distance_m, mobile_technology)
SELECT s.id,
       s.id IN (SELECT p.settlement_id FROM fibre_pop p WHERE p.settlement_id IS NOT NULL), -- hashed once
       coalesce(pop.d, pk.d), coalesce(rt.d, rk.d), cov.technology
FROM settlement s
LEFT JOIN LATERAL (
  -- A PoP as near as the nearest by flat degrees (the geometry index: cheaper) bounds the PoP scan:
  -- the nearest by sphere distance is no farther, so every candidate lies within its distance × 1.011
  -- (+ 1 m for rounding; a box, && _ST_Expand, as facility-measures.sql); the candidates kept are the same.
  SELECT ST_Distance(q.geom::geography, s.geom::geography, false) * 1.011 + 1 AS pop_m
  FROM fibre_pop q ORDER BY q.geom <-> s.geom LIMIT 1
) b ON true
LEFT JOIN LATERAL (
  -- 4 KNN candidates, the spheroid distance for those within 1.1 % of the nearest; n: how many.
  SELECT min(ST_Distance(c.geom::geography, s.geom::geography)) AS d, min(c.sd0) AS sd0, count(*) AS n
  FROM (SELECT k.*, min(k.sd) OVER () AS sd0 FROM (
          SELECT p.geom, p.geom::geography <-> s.geom::geography AS sd
          FROM fibre_pop p WHERE p.geom::geography && _ST_Expand(s.geom::geography, b.pop_m)
          ORDER BY p.geom::geography <-> s.geom::geography LIMIT 4) k) c
  WHERE c.sd <= c.sd0 * 1.011 + 0.01
) pk ON true
LEFT JOIN LATERAL (
  -- All 4 within (co-located PoPs): every PoP within, so the spheroid-nearest is not crowded out.
  SELECT min(ST_Distance(p.geom::geography, s.geom::geography)) AS d
  FROM fibre_pop p
  WHERE pk.n = 4 AND (p.geom::geography <-> s.geom::geography) <= pk.sd0 * 1.011 + 0.01
    AND p.geom::geography && _ST_Expand(s.geom::geography, pk.sd0 * 1.011 + 1.01)
) pop ON true
LEFT JOIN LATERAL (
  -- The same for the built route: the point of the degree-nearest piece closest in degrees is on
  -- fibre, so the nearest piece by sphere distance is no farther than it. Exact only while
  -- prepare-routes.sql cuts segments to <= 0.05°: that point is on the planar chord, the piece as
  -- geography is the great-circle arc, up to about 0.3 m apart at 0.05° (covered by the + 1 m); the
  -- gap grows with the square of the segment length, so longer segments need a larger margin.
  SELECT ST_Distance(ST_ClosestPoint(q.geom, s.geom)::geography, s.geom::geography, false) * 1.011 + 1 AS route_m
  FROM plan_route_piece q ORDER BY q.geom <-> s.geom LIMIT 1
) br ON true
LEFT JOIN LATERAL (
  SELECT min(ST_Distance(c.geog, s.geom::geography)) AS d, min(c.sd0) AS sd0, count(*) AS n
  FROM (SELECT k.*, min(k.sd) OVER () AS sd0 FROM (
          SELECT r.geog, r.geog <-> s.geom::geography AS sd
          FROM plan_route_piece r WHERE r.geog && _ST_Expand(s.geom::geography, br.route_m)
          ORDER BY r.geog <-> s.geom::geography LIMIT 4) k) c
  WHERE c.sd <= c.sd0 * 1.011 + 0.01
) rk ON true
LEFT JOIN LATERAL (
  SELECT min(ST_Distance(r.geog, s.geom::geography)) AS d
  FROM plan_route_piece r
  WHERE rk.n = 4 AND (r.geog <-> s.geom::geography) <= rk.sd0 * 1.011 + 0.01
    AND r.geog && _ST_Expand(s.geom::geography, rk.sd0 * 1.011 + 1.01)
) rt ON true
LEFT JOIN LATERAL (
  SELECT c.technology FROM plan_coverage_piece c
  WHERE ST_Intersects(c.geom, s.geom) ORDER BY c.tech_rank DESC, c.technology LIMIT 1
) cov ON true
WHERE (:parts::int IS NULL OR (hashtext(s.id) & 2147483647) % :parts::int = :part::int)
