-- What the last recompute was computed from (spatial parameters, input layer versions, parameters,
-- monitoring's states), to decide what is stale.
SELECT spatial_hash, input_versions::text AS input_versions, parameter_hash, measured_state_hash
FROM plan_state WHERE id = 1
