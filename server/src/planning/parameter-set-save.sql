-- The parameter set by its hash (stored once; plan_state and scenario runs refer to it).
INSERT INTO plan_parameter_set (hash, params) VALUES (:hash, :params::jsonb) ON CONFLICT (hash) DO NOTHING
