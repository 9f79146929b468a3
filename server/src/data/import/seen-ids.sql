-- Ids of this batch already used earlier in the same file (the import's temporary id table),
-- with the feature/row number that used them first.
SELECT b.id, b.n, s.n AS first_n
FROM json_to_recordset(:rows::json) AS b(id text, n integer)
JOIN pg_temp.import_ids s ON s.id = b.id
ORDER BY b.n
