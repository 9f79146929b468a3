-- Lines or polygons of one layer inside a tile: clipped to the (buffered) tile and simplified for
-- its zoom, so a low-zoom tile of Kazakhstan never carries full-resolution borders.
-- The table, columns and filter slots come from the tile catalogue (tile-layers.ts), never a request.
SELECT json_build_object('type', 'Feature',
                         'geometry', ST_AsGeoJSON(g.geom, 6)::json,
                         'properties', g.props)::text AS feature
FROM (
  SELECT ST_SimplifyPreserveTopology(
           ST_ClipByBox2D(t.geom, ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326)::box2d),
           :tolerance) AS geom,
         json_build_object('id', t.id, {{columns}}, 'provenance', t.provenance) AS props
  FROM {{table}} t
  WHERE t.geom && ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326)
    AND (:z::int >= 0) {{filter}} {{scope}}
  ORDER BY t.id
) g
WHERE g.geom IS NOT NULL AND NOT ST_IsEmpty(g.geom)
