-- What the cut-up copies `:pieces` ('routes': plan_route_piece and plan_planned_piece, from
-- fibre_route; 'coverage': plan_coverage_piece, from mobile_coverage) would be cut from now, and
-- what they were last cut from (plan_piece_source). Every field the recipe reads, row by row, with
-- the geometry's bytes: an edit by hand that bumps no layer version changes it too. :recipe is a
-- hash of the recipe's text (prepare-routes.sql, prepare-coverage.sql); with it, what else decides
-- the cut: the PostGIS and GEOS build (ST_Subdivide, ST_MakeValid) and the schema's last migration.
SELECT :recipe::text || ':' || postgis_full_version() || ':' || (SELECT max(version) FROM schema_migration)::text
       || ':' || CASE :pieces::text
  WHEN 'routes' THEN (SELECT md5(coalesce(string_agg(md5(ROW(id, status, year, ST_AsEWKB(geom))::text), ',' ORDER BY id COLLATE "C"), ''))
                      FROM fibre_route)
  WHEN 'coverage' THEN (SELECT md5(coalesce(string_agg(md5(ROW(id, technology, ST_AsEWKB(geom))::text), ',' ORDER BY id COLLATE "C"), ''))
                        FROM mobile_coverage)
END AS now,
(SELECT fingerprint FROM plan_piece_source WHERE pieces = :pieces) AS was
