-- Upserts one batch of validated rows into a layer table. The table and column lists come from the
-- layer catalogue (server/src/data/layers.ts), never from the file; the rows arrive as one JSON array.
-- A row whose content is unchanged is not rewritten, so re-importing a file changes nothing.
INSERT INTO {{table}} AS t (id, {{columns}}, geom, dataset_id, provenance, properties)
SELECT r.id, {{source_columns}},
       {{geom}},
       :dataset_id, :provenance, coalesce(r.properties, '{}'::jsonb)
FROM json_to_recordset(:rows::json) AS r(id text, {{column_types}}, wkt text, geojson text, make_valid boolean, properties jsonb)
ON CONFLICT (id) DO UPDATE
  SET {{assignments}}, geom = EXCLUDED.geom, dataset_id = EXCLUDED.dataset_id,
      provenance = EXCLUDED.provenance, properties = EXCLUDED.properties
  WHERE ({{target_columns}}, ST_AsEWKB(t.geom), t.dataset_id, t.provenance, t.properties)
        IS DISTINCT FROM
        ({{excluded_columns}}, ST_AsEWKB(EXCLUDED.geom), EXCLUDED.dataset_id, EXCLUDED.provenance, EXCLUDED.properties)
RETURNING (xmax = 0) AS inserted
