-- What the stored results were computed with and when: plan_result changes only through a
-- recompute, which moves one or the other. Pages and counts of the list are cached under it.
SELECT coalesce(parameter_hash, '') || '|' || coalesce(computed_at::text, '') AS version FROM plan_state WHERE id = 1
