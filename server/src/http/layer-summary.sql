-- A layer's row count and the provenances of its rows (the /api/layers index).
SELECT count(*)::int AS n, array_agg(DISTINCT provenance ORDER BY provenance) AS provenance FROM {{table}}
