-- What the road graph (roads.sql, road-graph.ts) would be built from now: every road's id and
-- geometry bytes, in the order roads.sql reads them, and the PostGIS build that prints them. A graph
-- kept in memory (measures.ts roadGraphOf) is used again only under the same fingerprint, so a hand
-- edit that bumps no layer version builds it anew too. ≈ 15 ms on the bundled roads, against
-- ≈ 200 ms to build the graph.
SELECT postgis_full_version() || ':' || md5(coalesce(string_agg(md5(ROW(id, ST_AsEWKB(geom))::text), ',' ORDER BY id COLLATE "C"), ''))
       AS fingerprint
FROM road
