-- One run of a scenario: the given id, or the latest when :id is null.
SELECT id, scenario_name, overrides::text AS overrides, params::text AS params, params_hash, data_version::text AS data_version,
       to_char(ran_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ran_at, result::text AS result
FROM scenario_run
WHERE scenario_name = :scenario AND (:id::bigint IS NULL OR id = :id)
ORDER BY id DESC
LIMIT 1
