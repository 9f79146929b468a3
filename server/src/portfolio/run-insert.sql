INSERT INTO scenario_run (scenario_name, overrides, params, params_hash, data_version, budget_kzt, result)
VALUES (:scenario, :overrides::jsonb, :params::jsonb, :params_hash, :data_version::jsonb, :budget_kzt, :result::jsonb)
RETURNING id, to_char(ran_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ran_at
