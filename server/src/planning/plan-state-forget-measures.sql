-- The measures are being replaced: until this run saves its state (with its results), plan_state names
-- no measures, so a run that fails after they changed is measured again in full by the next one.
UPDATE plan_state SET spatial_hash = NULL, measured_at = NULL WHERE id = 1
