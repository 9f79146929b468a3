-- Records what this recompute was computed from; measured_at / computed_at move only when the
-- measures / the results were redone.
INSERT INTO plan_state (id, spatial_hash, input_versions, parameter_hash, measured_state_hash, facility_change, measured_at, computed_at)
VALUES (1, :spatial_hash, :input_versions::jsonb, :parameter_hash, :measured_state_hash, :facility_change::bigint, now(), now())
ON CONFLICT (id) DO UPDATE SET
  spatial_hash = :spatial_hash, input_versions = :input_versions::jsonb, parameter_hash = :parameter_hash,
  measured_state_hash = :measured_state_hash, facility_change = :facility_change::bigint,
  measured_at = CASE WHEN :remeasured THEN now() ELSE plan_state.measured_at END,
  computed_at = CASE WHEN :recomputed THEN now() ELSE plan_state.computed_at END
