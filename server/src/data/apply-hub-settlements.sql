-- Marks hub settlements (опорные СНП). Ids not in the settlement layer come back as unknown.
WITH h AS (
  SELECT DISTINCT unnest(:ids::text[]) AS id
), updated AS (
  UPDATE settlement s SET is_hub = true FROM h WHERE s.id = h.id AND NOT s.is_hub RETURNING s.id
)
SELECT (SELECT count(*) FROM updated)::int AS updated,
       coalesce((SELECT array_agg(h.id ORDER BY h.id) FROM h
         WHERE NOT EXISTS (SELECT 1 FROM settlement s WHERE s.id = h.id)), '{}') AS unknown
