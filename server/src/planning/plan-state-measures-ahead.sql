-- The measures on the table are newer than the results: they were measured with these spatial
-- parameters and layers, and the next run reads them afresh and rewrites the results (measured_at NULL).
UPDATE plan_state SET spatial_hash = :spatial_hash, input_versions = :input_versions::jsonb, measured_at = NULL WHERE id = 1
