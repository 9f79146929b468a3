-- Validity of one batch of GeoJSON polygons (their structure was checked in TypeScript, so parsing
-- cannot fail here): only the invalid ones come back, with PostGIS's reason and location.
SELECT n, reason AS invalid_reason
FROM (
  SELECT r.n, ST_IsValidReason(ST_GeomFromGeoJSON(r.geojson)) AS reason
  FROM json_to_recordset(:rows::json) AS r(n integer, geojson text)
) AS checked
WHERE reason <> 'Valid Geometry'
ORDER BY n
