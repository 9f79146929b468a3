-- Every road as GeoJSON, in a stable order (the road graph for drop paths), each row with the
-- fingerprint of all of them (road-graph-source.sql, filled in below): read in the same
-- statement, so in the same snapshot, the graph is kept under the fingerprint of exactly the roads it
-- was built from, whatever an import commits meanwhile. Without roads: one row, g null.
SELECT ST_AsGeoJSON(r.geom, 7) AS g, f.fingerprint
FROM ({{fingerprint}}) f
LEFT JOIN road r ON true
ORDER BY r.id COLLATE "C"
