-- The versions of the layers a tile depends on, as one string for its ETag.
SELECT coalesce(string_agg(layer || '=' || version::text, ',' ORDER BY layer), '') AS v
FROM layer_version
WHERE layer = ANY(:layers::text[])
