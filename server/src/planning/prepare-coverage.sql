-- Rebuilds the planner's cut-up copy of mobile coverage (no parameters): polygons subdivided to
-- ≤ 64 vertices (made valid first), so the point-in-coverage test touches small pieces.
TRUNCATE plan_coverage_piece;
INSERT INTO plan_coverage_piece (coverage_id, technology, tech_rank, geom)
SELECT c.id, c.technology,
       CASE c.technology WHEN '5G' THEN 4 WHEN '4G' THEN 3 WHEN '3G' THEN 2 ELSE 1 END,
       d.geom
FROM mobile_coverage c
CROSS JOIN LATERAL ST_Subdivide(
  CASE WHEN ST_IsValid(c.geom) THEN c.geom ELSE ST_CollectionExtract(ST_MakeValid(c.geom), 3) END, 64) AS s(geom)
CROSS JOIN LATERAL ST_Dump(s.geom) AS d
WHERE GeometryType(d.geom) = 'POLYGON';

ANALYZE plan_coverage_piece;
