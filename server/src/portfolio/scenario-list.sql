-- Scenarios with a summary of their latest run (null when never run).
SELECT s.name, s.description, s.params::text AS params, s.budget_kzt,
       to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
       to_char(s.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at,
       r.id AS run_id, to_char(r.ran_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ran_at, r.params_hash,
       (r.result ->> 'totalCostKzt')::double precision AS total_cost_kzt,
       (r.result ->> 'beneficiaries')::double precision AS beneficiaries
FROM scenario s
LEFT JOIN LATERAL (
  SELECT id, ran_at, params_hash, result FROM scenario_run WHERE scenario_name = s.name ORDER BY id DESC LIMIT 1
) r ON true
WHERE (:name::text IS NULL OR s.name = :name)
ORDER BY s.name COLLATE "C"
