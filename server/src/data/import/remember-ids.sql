-- Records the ids of one batch for duplicate detection across batches.
INSERT INTO pg_temp.import_ids (id, n)
SELECT b.id, b.n FROM json_to_recordset(:rows::json) AS b(id text, n integer)
ON CONFLICT (id) DO NOTHING
