-- Estimated populations for settlements that have no real figure. A real (OSM) population is never
-- overwritten; `kept_real` counts those. Ids not in the settlement layer come back as unknown.
WITH e AS (
  SELECT * FROM json_to_recordset(:rows::json) AS e(settlement_id text, population integer, method text)
), updated AS (
  UPDATE settlement s
  SET population = e.population,
      population_provenance = 'estimated',
      properties = s.properties || jsonb_build_object('population_method', e.method)
  FROM e
  WHERE s.id = e.settlement_id
    AND (s.population IS NULL OR s.population_provenance = 'estimated')
    AND (s.population, s.population_provenance, s.properties->>'population_method')
        IS DISTINCT FROM (e.population, 'estimated', e.method)
  RETURNING s.id
)
SELECT (SELECT count(*) FROM updated)::int AS updated,
       (SELECT count(*) FROM e JOIN settlement s ON s.id = e.settlement_id
         WHERE s.population IS NOT NULL AND s.population_provenance = 'real')::int AS kept_real,
       coalesce((SELECT array_agg(e.settlement_id ORDER BY e.settlement_id) FROM e
         WHERE NOT EXISTS (SELECT 1 FROM settlement s WHERE s.id = e.settlement_id)), '{}') AS unknown
