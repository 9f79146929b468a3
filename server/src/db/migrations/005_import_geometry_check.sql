-- Geometry check for the importer (server/src/data/import): parses WKT or GeoJSON text and reports
-- a parse failure or an invalid geometry as a value, so that one bad row does not abort the import
-- transaction. Returns the type and bounding box for the range/extent checks done in TypeScript.
CREATE FUNCTION import_check_geometry(
  wkt text, geojson text,
  OUT geom_type text, OUT is_empty boolean,
  OUT xmin double precision, OUT ymin double precision, OUT xmax double precision, OUT ymax double precision,
  OUT parse_error text, OUT invalid_reason text
) LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  g geometry;
BEGIN
  BEGIN
    IF wkt IS NOT NULL THEN
      g := ST_GeomFromText(wkt);
    ELSE
      g := ST_GeomFromGeoJSON(geojson);
    END IF;
  EXCEPTION WHEN others THEN
    parse_error := SQLERRM;
    RETURN;
  END;
  geom_type := GeometryType(g);
  is_empty := ST_IsEmpty(g);
  IF NOT is_empty THEN
    xmin := ST_XMin(g); ymin := ST_YMin(g); xmax := ST_XMax(g); ymax := ST_YMax(g);
    invalid_reason := NULLIF(ST_IsValidReason(g), 'Valid Geometry');
  END IF;
END
$$;
