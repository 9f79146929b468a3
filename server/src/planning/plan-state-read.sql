-- What the last recompute was computed from (spatial parameters, input layer versions, parameters,
-- monitoring's states, the facility write counter), to decide what is stale.
SELECT spatial_hash, input_versions::text AS input_versions, parameter_hash, measured_state_hash,
       facility_change::text AS facility_change, measured_at IS NULL AS measures_ahead
FROM plan_state WHERE id = 1
