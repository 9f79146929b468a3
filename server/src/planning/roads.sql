-- Every road as GeoJSON, in a stable order (the road graph for drop paths).
SELECT ST_AsGeoJSON(geom, 7) AS g FROM road ORDER BY id COLLATE "C"
