-- Points of one layer inside a tile (or a point on each polygon's surface, for area labels).
-- The catalogue's filter thins low zooms (e.g. only towns above a population at zoom 5).
SELECT json_build_object('type', 'Feature',
                         'geometry', ST_AsGeoJSON(p.geom, 6)::json,
                         'properties', p.props)::text AS feature
FROM (
  SELECT {{point}} AS geom,
         json_build_object('id', t.id, {{columns}}, 'provenance', t.provenance{{extra}}) AS props
  FROM {{table}} t {{join}}
  WHERE t.geom && ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326)
    AND (:z::int >= 0) {{filter}} {{scope}}
  ORDER BY t.id
  LIMIT :limit
) p
