-- What the spatial measures were computed from: each spatial layer's version and row count
-- (the count guards against an import that forgot to bump its version).
SELECT 'counts' AS key, json_build_object(
  'settlement', (SELECT count(*) FROM settlement),
  'fibre_route', (SELECT count(*) FROM fibre_route),
  'fibre_pop', (SELECT count(*) FROM fibre_pop),
  'mobile_coverage', (SELECT count(*) FROM mobile_coverage),
  'road', (SELECT count(*) FROM road),
  'region_admin1', (SELECT count(*) FROM region_admin1),
  'region_admin2', (SELECT count(*) FROM region_admin2))::text AS value
UNION ALL
SELECT 'versions', coalesce(json_object_agg(layer, version ORDER BY layer), '{}')::text
FROM layer_version
WHERE layer NOT IN ('facility', 'facilities')
