-- Checks one batch of geometries (WKT or GeoJSON text) and returns only the rows that need attention:
-- parse errors, invalid geometries, and every WKT row (its type and extent are checked in TypeScript).
SELECT r.n, c.geom_type, c.is_empty, c.xmin, c.ymin, c.xmax, c.ymax, c.parse_error, c.invalid_reason
FROM json_to_recordset(:rows::json) AS r(n integer, wkt text, geojson text),
     LATERAL import_check_geometry(r.wkt, r.geojson) AS c
WHERE r.wkt IS NOT NULL OR c.parse_error IS NOT NULL OR c.invalid_reason IS NOT NULL
ORDER BY r.n
