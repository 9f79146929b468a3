-- Rebuilds the planner's cut-up copies of built fibre and of mobile coverage (no parameters).
-- Routes: cut into ≤ 8-vertex pieces, so KNN on the geography index finds the nearest piece
-- sharply and its spheroid distance is cheap; then each piece densified to ≤ 0.05° segments, so a
-- straight edge of the map stays (nearly) straight as geography. Densifying before cutting is not
-- enough: ST_Subdivide drops the collinear vertices it was given (segments up to 0.275° were left).
-- settlement-measures.sql's built-route bound relies on the 0.05°: chord and arc of a segment are
-- up to about 0.3 m apart (covered by its + 1 m), growing with the square of the segment length.
TRUNCATE plan_route_piece;
INSERT INTO plan_route_piece (route_id, geom, geog)
SELECT r.id, p.geom, p.geom::geography
FROM fibre_route r
CROSS JOIN LATERAL ST_Subdivide(ST_Segmentize(r.geom, 0.05), 8) AS s(geom)
CROSS JOIN LATERAL ST_Dump(s.geom) AS d
CROSS JOIN LATERAL (SELECT ST_Segmentize(d.geom, 0.05) AS geom) AS p
WHERE r.status = 'built' AND GeometryType(d.geom) = 'LINESTRING' AND NOT ST_IsEmpty(d.geom);

-- Planned routes with a year, cut the same way (a planned route without a year is not costed).
TRUNCATE plan_planned_piece;
INSERT INTO plan_planned_piece (route_id, year, geom, geog)
SELECT r.id, r.year, p.geom, p.geom::geography
FROM fibre_route r
CROSS JOIN LATERAL ST_Subdivide(ST_Segmentize(r.geom, 0.05), 8) AS s(geom)
CROSS JOIN LATERAL ST_Dump(s.geom) AS d
CROSS JOIN LATERAL (SELECT ST_Segmentize(d.geom, 0.05) AS geom) AS p
WHERE r.status = 'planned' AND r.year IS NOT NULL AND GeometryType(d.geom) = 'LINESTRING' AND NOT ST_IsEmpty(d.geom);

ANALYZE plan_route_piece;
ANALYZE plan_planned_piece;
