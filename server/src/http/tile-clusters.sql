-- Points of one layer inside a tile, grouped on a grid of :cell degrees (low zooms). Each cell
-- becomes one point at its members' mean position with a count, so a national view of tens of
-- thousands of facilities is a few hundred points. A cell of one member stays a plain feature.
SELECT json_build_object('type', 'Feature',
                         'geometry', ST_AsGeoJSON(ST_Centroid(ST_Collect(t.geom)), 6)::json,
                         'properties', CASE WHEN count(*) = 1
                           THEN (array_agg(json_build_object('id', t.id, {{columns}}, 'provenance', t.provenance{{extra}})))[1]
                           ELSE json_build_object('id', 'cluster:' || min(t.id), 'cluster', true,
                                                  'point_count', count(*),
                                                  'illustrative', bool_or(t.provenance = 'illustrative'))
                         END)::text AS feature,
       count(*)::int AS n,
       min(t.id) AS first_id
FROM {{table}} t {{join}}
WHERE t.geom && ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326)
  AND (:z::int >= 0) {{filter}} {{scope}}
GROUP BY ST_SnapToGrid(t.geom, :cell)
ORDER BY first_id
