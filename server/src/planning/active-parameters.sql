-- The parameter set the last recompute used.
SELECT ps.params::text AS params FROM plan_state s JOIN plan_parameter_set ps ON ps.hash = s.parameter_hash WHERE s.id = 1
