-- Per facility spatial measures (docs/planning-model.md "Per-facility measures"), for all
-- facilities (:ids null) or the listed ones, or share :part of :parts (by a hash of the id: equal
-- shares, measured on separate connections at once), into plan_measure_stage (measures.ts). Distances are spheroid metres (geography); KNN (<->)
-- on the geography GIST indexes gives the nearest by sphere distance, sd0; the spheroid distance is
-- computed for every candidate within 1.1 % of it (sphere and spheroid differ by < 0.7 %; all of
-- them, not the first few KNN rows, so ties go by id), so the exact nearest is kept and the costly
-- spheroid distance usually runs once.
-- The splice point is ST_ClosestPoint on geometry in a frame whose longitude is scaled by
-- cos(latitude), so "closest" is measured in near-metres rather than in raw degrees.
-- Each KNN scan is bounded by a box (&& _ST_Expand, the index condition ST_DWithin uses, without its
-- exact distance test: a box holds every point within the distance, sphere or spheroid), so it stops
-- early instead of ranking the whole index: the candidates kept are the same. A PoP or built route
-- within b of the facility exists, so the nearest one by sphere distance is at sd0 <= b and every
-- candidate kept (sd <= sd0 * 1.011 + 0.01) lies within b * 1.011 + 1 (1 m for rounding).
-- b comes from the facility's settlement, measured before (plan_settlement_stage in a full re-measure,
-- fresh_settlements; plan_settlement otherwise): sphere distance to the settlement plus the settlement's
-- spheroid distance × 1.011 (sphere and spheroid differ by < 0.6 %), by the triangle inequality; no
-- settlement or no measure: 1e9 m (half the earth is 2e7 m), i.e. unbounded. A planned route counts
-- only within the longest fibre drop (sphere), so its scan is bounded by that (a parameter: never stale).
-- The settlement's measure may be stale (an import can commit between the settlement step and this
-- one; no lock is shared), so b is only trusted when the boxed scan proves itself: its nearest has
-- sd0 * 1.011 + 0.01 <= b. Then every point outside the box is farther than b (sphere), beyond every
-- candidate kept, and the boxed scan keeps what an unbounded one keeps, whatever b was. Otherwise
-- (nothing in the box, or only its corners: a PoP/route removed since) the same scan runs without the
-- box (popu, rtu; gated by a one-time filter, so free when the boxed scan is proven). A PoP or route
-- added since is nearer than b, so inside the box. Statically never taken: sd0 <= b's distance.
INSERT INTO plan_measure_stage (
  facility_id, row_hash, settlement_id, attach_method, attach_distance_m, admin1_id, admin2_id,
  pop_id, pop_distance_m, pop_lon, pop_lat, route_id, route_distance_m, splice_lon, splice_lat,
  mobile_technology, spatial_hash, planned_route_id, planned_distance_m, planned_year)
SELECT f.id,
       md5(f::text),
       s.id,
       CASE WHEN sg.id IS NOT NULL THEN 'given' WHEN sn.id IS NOT NULL THEN 'nearest' ELSE 'orphan' END,
       CASE WHEN sg.id IS NOT NULL THEN ST_Distance(sg.geom::geography, f.geom::geography) ELSE sn.d END,
       coalesce(s.admin1_id, a2.admin1_id, a1.id),
       coalesce(s.admin2_id, a2.id),
       pop.id, pop.d, ST_X(pop.geom), ST_Y(pop.geom),
       rt.route_id, rt.d, ST_X(rt.splice), ST_Y(rt.splice),
       cov.technology,
       :spatial_hash,
       pl.route_id, pl.d, pl.year
FROM facility f
LEFT JOIN settlement sg ON sg.id = f.settlement_id
LEFT JOIN LATERAL (
  SELECT c.id, c.d FROM (
    SELECT s2.id, ST_Distance(s2.geom::geography, f.geom::geography) AS d
    FROM settlement s2
    WHERE sg.id IS NULL
    ORDER BY s2.geom::geography <-> f.geom::geography LIMIT 4) c
  WHERE c.d <= :attach_radius_m
  ORDER BY c.d, c.id COLLATE "C" LIMIT 1
) sn ON true
LEFT JOIN settlement s ON s.id = coalesce(sg.id, sn.id)
LEFT JOIN plan_settlement_stage sf ON :fresh_settlements::boolean AND sf.settlement_id = s.id
LEFT JOIN plan_settlement sk ON NOT :fresh_settlements::boolean AND sk.settlement_id = s.id
CROSS JOIN LATERAL (
  SELECT coalesce((ST_Distance(s.geom::geography, f.geom::geography, false) + coalesce(sf.pop_distance_m, sk.pop_distance_m) * 1.011) * 1.011 + 1, 1e9) AS pop_m,
         coalesce((ST_Distance(s.geom::geography, f.geom::geography, false) + coalesce(sf.route_distance_m, sk.route_distance_m) * 1.011) * 1.011 + 1, 1e9) AS route_m
) b
LEFT JOIN LATERAL (
  SELECT a.id, a.admin1_id FROM region_admin2 a
  WHERE s.admin2_id IS NULL AND ST_Intersects(a.geom, f.geom) ORDER BY a.id COLLATE "C" LIMIT 1
) a2 ON true
LEFT JOIN LATERAL (
  SELECT a.id FROM region_admin1 a
  WHERE s.admin1_id IS NULL AND a2.admin1_id IS NULL AND ST_Intersects(a.geom, f.geom) ORDER BY a.id COLLATE "C" LIMIT 1
) a1 ON true
LEFT JOIN LATERAL (
  -- sd0: the sphere distance of the nearest PoP (KNN); pku: the same without the box, only when the
  -- boxed scan is not proven (see the top; a one-time filter).
  SELECT p.geom::geography <-> f.geom::geography AS sd0
  FROM fibre_pop p WHERE p.geom::geography && _ST_Expand(f.geom::geography, b.pop_m)
  ORDER BY p.geom::geography <-> f.geom::geography LIMIT 1
) pk ON true
LEFT JOIN LATERAL (
  SELECT p.geom::geography <-> f.geom::geography AS sd0
  FROM fibre_pop p WHERE NOT coalesce(pk.sd0 * 1.011 + 0.01 <= b.pop_m, false)
  ORDER BY p.geom::geography <-> f.geom::geography LIMIT 1
) pku ON true
LEFT JOIN LATERAL (
  SELECT coalesce(pku.sd0, pk.sd0) * 1.011 + 0.01 AS pop_r,
         coalesce(rku.sd0, rk.sd0) * 1.011 + 0.01 AS route_r,
         least(plk.sd0 * 1.011 + 0.01, :max_fibre_drop_m) AS planned_r
  FROM (SELECT 1) one
  LEFT JOIN LATERAL (
    SELECT r.geog <-> f.geom::geography AS sd0
    FROM plan_route_piece r WHERE r.geog && _ST_Expand(f.geom::geography, b.route_m)
    ORDER BY r.geog <-> f.geom::geography LIMIT 1
  ) rk ON true
  LEFT JOIN LATERAL (
    SELECT r.geog <-> f.geom::geography AS sd0
    FROM plan_route_piece r WHERE NOT coalesce(rk.sd0 * 1.011 + 0.01 <= b.route_m, false)
    ORDER BY r.geog <-> f.geom::geography LIMIT 1
  ) rku ON true
  LEFT JOIN LATERAL (
    SELECT r.geog <-> f.geom::geography AS sd0
    FROM plan_planned_piece r WHERE r.geog && _ST_Expand(f.geom::geography, :max_fibre_drop_m + 1)
    ORDER BY r.geog <-> f.geom::geography LIMIT 1
  ) plk ON true
) kr ON true
LEFT JOIN LATERAL (
  -- Every PoP within 1.1 % of the nearest (by sphere distance, as <->; the box a little wider), the
  -- nearest on the spheroid, then the id: not a fixed number of KNN candidates, which co-located PoPs
  -- fill in index order (the id then not honoured, or the spheroid-nearest crowded out).
  SELECT p.id, p.geom, ST_Distance(p.geom::geography, f.geom::geography) AS d
  FROM fibre_pop p
  WHERE (p.geom::geography <-> f.geom::geography) <= kr.pop_r AND p.geom::geography && _ST_Expand(f.geom::geography, kr.pop_r + 1)
  ORDER BY 3, p.id COLLATE "C" LIMIT 1
) pop ON true
LEFT JOIN LATERAL (
  -- The same for the built route; two pieces of one route at one distance: the splice point decides.
  SELECT n.route_id, n.d, n.splice
  FROM (
    SELECT c.route_id, c.d,
           ST_Scale(ST_ClosestPoint(ST_Scale(c.geom, c.k, 1), ST_Scale(f.geom, c.k, 1)), 1 / c.k, 1) AS splice
    FROM (
      SELECT r.route_id, r.geom, ST_Distance(r.geog, f.geom::geography) AS d, cos(radians(ST_Y(f.geom))) AS k
      FROM plan_route_piece r
      WHERE (r.geog <-> f.geom::geography) <= kr.route_r AND r.geog && _ST_Expand(f.geom::geography, kr.route_r + 1)) c) n
  ORDER BY n.d, n.route_id COLLATE "C", ST_X(n.splice), ST_Y(n.splice) LIMIT 1
) rt ON true
LEFT JOIN LATERAL (
  -- The nearest planned route (the earliest, on equal distance) within the longest fibre drop (sphere);
  -- its scan is bounded by the drop, a parameter (never stale).
  SELECT r.route_id, r.year, ST_Distance(r.geog, f.geom::geography) AS d
  FROM plan_planned_piece r
  WHERE (r.geog <-> f.geom::geography) <= kr.planned_r AND r.geog && _ST_Expand(f.geom::geography, kr.planned_r + 1)
  ORDER BY 3, r.year, r.route_id COLLATE "C" LIMIT 1
) pl ON true
LEFT JOIN LATERAL (
  SELECT c.technology FROM plan_coverage_piece c
  WHERE ST_Intersects(c.geom, f.geom) ORDER BY c.tech_rank DESC, c.technology LIMIT 1
) cov ON true
WHERE (:ids::text[] IS NULL OR f.id = ANY (:ids::text[]))
  AND (:parts::int IS NULL OR (hashtext(f.id) & 2147483647) % :parts::int = :part::int)
