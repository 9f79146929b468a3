-- Parses and checks one batch of WKT geometries with PostGIS. import_check_geometry (migration 005)
-- turns a parse failure into a value, so one bad row does not abort the import's transaction;
-- the type and bounding box come back for the type, range and extent checks in TypeScript.
SELECT r.n, c.geom_type, c.is_empty, c.xmin, c.ymin, c.xmax, c.ymax, c.parse_error, c.invalid_reason
FROM json_to_recordset(:rows::json) AS r(n integer, wkt text),
     LATERAL import_check_geometry(r.wkt, NULL) AS c
ORDER BY r.n
