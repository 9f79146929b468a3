-- Per facility spatial measures (docs/planning-model.md "Per-facility measures"), for all
-- facilities (:ids null) or the listed ones, or share :part of :parts (by a hash of the id: equal
-- shares, measured on separate connections at once), into plan_measure_stage (measures.ts). Distances are spheroid metres (geography); KNN (<->)
-- on the geography GIST indexes gives 4 candidates by sphere distance; the spheroid distance is
-- computed for those within 1.1 % of the nearest, sd0 (sphere and spheroid differ by < 0.7 %), so
-- the exact nearest is kept and the costly spheroid distance usually runs once. When all 4 are
-- within (co-located PoPs), every candidate within is taken by a second scan (popx, rtx, plx), so
-- the spheroid-nearest is never crowded out and ties go by id.
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
       coalesce(popx.id, pk.id), coalesce(popx.d, pk.d), ST_X(coalesce(popx.geom, pk.geom)), ST_Y(coalesce(popx.geom, pk.geom)),
       coalesce(rtx.route_id, rk.route_id), coalesce(rtx.d, rk.d), ST_X(coalesce(rtx.splice, rk.splice)), ST_Y(coalesce(rtx.splice, rk.splice)),
       cov.technology,
       :spatial_hash,
       coalesce(plx.route_id, plk.route_id), coalesce(plx.d, plk.d), coalesce(plx.year, plk.year)
FROM facility f
LEFT JOIN settlement sg ON sg.id = f.settlement_id
LEFT JOIN LATERAL (
  -- The nearest settlement (no given one), as the PoP below: 4 KNN candidates, every one within 1.1 %
  -- of the nearest when all 4 are (snx); counts within the attach radius.
  SELECT c.id, ST_Distance(c.geom::geography, f.geom::geography) AS d, c.sd0, count(*) OVER () AS n
  FROM (SELECT k.*, min(k.sd) OVER () AS sd0 FROM (
          SELECT s2.id, s2.geom, s2.geom::geography <-> f.geom::geography AS sd
          FROM settlement s2 WHERE sg.id IS NULL
          ORDER BY s2.geom::geography <-> f.geom::geography LIMIT 4) k) c
  WHERE c.sd <= c.sd0 * 1.011 + 0.01
  ORDER BY 2, c.id COLLATE "C" LIMIT 1
) snk ON true
LEFT JOIN LATERAL (
  SELECT s2.id, ST_Distance(s2.geom::geography, f.geom::geography) AS d
  FROM settlement s2
  WHERE snk.n = 4 AND (s2.geom::geography <-> f.geom::geography) <= snk.sd0 * 1.011 + 0.01
    AND s2.geom::geography && _ST_Expand(f.geom::geography, snk.sd0 * 1.011 + 1.01)
  ORDER BY 2, s2.id COLLATE "C" LIMIT 1
) snx ON true
LEFT JOIN LATERAL (
  SELECT v.id, v.d FROM (SELECT coalesce(snx.id, snk.id) AS id, coalesce(snx.d, snk.d) AS d) v
  WHERE v.d <= :attach_radius_m
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
  -- The 4 KNN candidates in the box; among those within 1.1 % of the nearest (sd0) the nearest on
  -- the spheroid, then the id; n: how many were within. If all 4 were (n = 4), more may be (co-located
  -- PoPs fill the 4 in index order): popx below then takes every one.
  SELECT c.id, c.geom, ST_Distance(c.geom::geography, f.geom::geography) AS d, c.sd0, count(*) OVER () AS n
  FROM (SELECT k.*, min(k.sd) OVER () AS sd0 FROM (
          SELECT p.id, p.geom, p.geom::geography <-> f.geom::geography AS sd
          FROM fibre_pop p WHERE p.geom::geography && _ST_Expand(f.geom::geography, b.pop_m)
          ORDER BY p.geom::geography <-> f.geom::geography LIMIT 4) k) c
  WHERE c.sd <= c.sd0 * 1.011 + 0.01
  ORDER BY 3, c.id COLLATE "C" LIMIT 1
) pk ON true
LEFT JOIN LATERAL (
  -- sd0 without the box, only when the boxed scan is not proven (see the top; a one-time filter).
  SELECT p.geom::geography <-> f.geom::geography AS sd0
  FROM fibre_pop p WHERE NOT coalesce(pk.sd0 * 1.011 + 0.01 <= b.pop_m, false)
  ORDER BY p.geom::geography <-> f.geom::geography LIMIT 1
) pku ON true
LEFT JOIN LATERAL (
  -- Every PoP within 1.1 % of sd0 (by sphere distance, as <->; the box a little wider), only when
  -- the 4 candidates may have left one out or the box is not proven (a one-time filter).
  SELECT p.id, p.geom, ST_Distance(p.geom::geography, f.geom::geography) AS d
  FROM fibre_pop p
  WHERE NOT coalesce(pk.n < 4 AND pk.sd0 * 1.011 + 0.01 <= b.pop_m, false)
    AND (p.geom::geography <-> f.geom::geography) <= coalesce(pku.sd0, pk.sd0) * 1.011 + 0.01
    AND p.geom::geography && _ST_Expand(f.geom::geography, coalesce(pku.sd0, pk.sd0) * 1.011 + 1.01)
  ORDER BY 3, p.id COLLATE "C" LIMIT 1
) popx ON true
LEFT JOIN LATERAL (
  -- The same for the built route; two pieces of one route at one distance: the splice point decides.
  SELECT n.route_id, n.d, n.sd0, n.n, n.splice FROM (
    SELECT c.route_id, ST_Distance(c.geog, f.geom::geography) AS d, c.sd0, count(*) OVER () AS n,
           ST_Scale(ST_ClosestPoint(ST_Scale(c.geom, c.kc, 1), ST_Scale(f.geom, c.kc, 1)), 1 / c.kc, 1) AS splice
    FROM (SELECT k.*, min(k.sd) OVER () AS sd0, cos(radians(ST_Y(f.geom))) AS kc FROM (
            SELECT r.route_id, r.geom, r.geog, r.geog <-> f.geom::geography AS sd
            FROM plan_route_piece r WHERE r.geog && _ST_Expand(f.geom::geography, b.route_m)
            ORDER BY r.geog <-> f.geom::geography LIMIT 4) k) c
    WHERE c.sd <= c.sd0 * 1.011 + 0.01) n
  ORDER BY n.d, n.route_id COLLATE "C", ST_X(n.splice), ST_Y(n.splice) LIMIT 1
) rk ON true
LEFT JOIN LATERAL (
  SELECT r.geog <-> f.geom::geography AS sd0
  FROM plan_route_piece r WHERE NOT coalesce(rk.sd0 * 1.011 + 0.01 <= b.route_m, false)
  ORDER BY r.geog <-> f.geom::geography LIMIT 1
) rku ON true
LEFT JOIN LATERAL (
  SELECT n.route_id, n.d, n.splice FROM (
    SELECT c.route_id, c.d,
           ST_Scale(ST_ClosestPoint(ST_Scale(c.geom, c.kc, 1), ST_Scale(f.geom, c.kc, 1)), 1 / c.kc, 1) AS splice
    FROM (
      SELECT r.route_id, r.geom, ST_Distance(r.geog, f.geom::geography) AS d, cos(radians(ST_Y(f.geom))) AS kc
      FROM plan_route_piece r
      WHERE NOT coalesce(rk.n < 4 AND rk.sd0 * 1.011 + 0.01 <= b.route_m, false)
        AND (r.geog <-> f.geom::geography) <= coalesce(rku.sd0, rk.sd0) * 1.011 + 0.01
        AND r.geog && _ST_Expand(f.geom::geography, coalesce(rku.sd0, rk.sd0) * 1.011 + 1.01)) c) n
  ORDER BY n.d, n.route_id COLLATE "C", ST_X(n.splice), ST_Y(n.splice) LIMIT 1
) rtx ON true
LEFT JOIN LATERAL (
  -- The nearest planned route (the earliest, on equal distance) within the longest fibre drop (sphere);
  -- its scan is bounded by the drop, a parameter (never stale); plx as popx.
  SELECT c.route_id, c.year, ST_Distance(c.geog, f.geom::geography) AS d, c.sd0, count(*) OVER () AS n
  FROM (SELECT k.*, min(k.sd) OVER () AS sd0 FROM (
          SELECT r.route_id, r.year, r.geog, r.geog <-> f.geom::geography AS sd
          FROM plan_planned_piece r WHERE r.geog && _ST_Expand(f.geom::geography, :max_fibre_drop_m + 1)
          ORDER BY r.geog <-> f.geom::geography LIMIT 4) k) c
  WHERE c.sd <= c.sd0 * 1.011 + 0.01 AND c.sd <= :max_fibre_drop_m
  ORDER BY 3, c.year, c.route_id COLLATE "C" LIMIT 1
) plk ON true
LEFT JOIN LATERAL (
  SELECT r.route_id, r.year, ST_Distance(r.geog, f.geom::geography) AS d
  FROM plan_planned_piece r
  WHERE plk.n = 4
    AND (r.geog <-> f.geom::geography) <= least(plk.sd0 * 1.011 + 0.01, :max_fibre_drop_m)
    AND r.geog && _ST_Expand(f.geom::geography, plk.sd0 * 1.011 + 1.01)
  ORDER BY 3, r.year, r.route_id COLLATE "C" LIMIT 1
) plx ON true
LEFT JOIN LATERAL (
  SELECT c.technology FROM plan_coverage_piece c
  WHERE ST_Intersects(c.geom, f.geom) ORDER BY c.tech_rank DESC, c.technology LIMIT 1
) cov ON true
WHERE (:ids::text[] IS NULL OR f.id = ANY (:ids::text[]))
  AND (:parts::int IS NULL OR (hashtext(f.id) & 2147483647) % :parts::int = :part::int)
