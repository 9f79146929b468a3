-- How many features of one OGC collection match (numberMatched). The table and where slots come from
-- the collection (the layer catalogue, or the gap engine's plan_result), never from a request.
SELECT count(*)::int AS n
FROM {{table}} t
WHERE (:has_bbox::boolean IS FALSE OR t.geom && ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326)) {{where}}
