-- Ids of a batch that already belong to a row of another dataset in the layer's table (from the
-- catalogue, never the file). Such a row would otherwise be silently moved into this dataset.
SELECT t.id, t.dataset_id
FROM {{table}} t
WHERE t.id = ANY (:ids::text[]) AND t.dataset_id <> :dataset_id
ORDER BY t.id
