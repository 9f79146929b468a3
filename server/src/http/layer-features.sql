-- One page of a layer as GeoJSON features, optionally inside a bbox. The table and column list
-- come from the layer catalogue (server/src/data/layers.ts), never from the request.
SELECT t.id,
       json_build_object(
         'type', 'Feature',
         'id', t.id,
         'geometry', ST_AsGeoJSON(t.geom, 6)::json,
         'properties', json_build_object({{columns}},
                                         'provenance', t.provenance,
                                         'dataset_id', t.dataset_id,
                                         'licence', d.licence)
       )::text AS feature
FROM {{table}} t
JOIN dataset d ON d.id = t.dataset_id
WHERE (:has_bbox::boolean IS FALSE
       OR t.geom && ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326))
  {{scope}}
ORDER BY t.id
LIMIT :limit OFFSET :offset
