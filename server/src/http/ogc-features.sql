-- One page of an OGC API collection as GeoJSON features, optionally inside a bbox. The table and
-- property list come from the collection catalogue (ogc-routes.ts), never from the request.
SELECT json_build_object(
         'type', 'Feature',
         'id', t.{{id}},
         'geometry', ST_AsGeoJSON(t.geom, 6)::json,
         'properties', json_build_object({{columns}})
       )::text AS feature
FROM {{table}} t
WHERE (:has_bbox::boolean IS FALSE OR t.geom && ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326))
  {{where}}
ORDER BY {{order}}
LIMIT :limit OFFSET :offset
