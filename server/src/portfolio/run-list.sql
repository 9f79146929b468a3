SELECT id, params_hash, data_version::text AS data_version, budget_kzt, to_char(ran_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ran_at,
       (result ->> 'totalCostKzt')::double precision AS total_cost_kzt,
       (result ->> 'beneficiaries')::double precision AS beneficiaries
FROM scenario_run
WHERE scenario_name = :scenario
ORDER BY id DESC
