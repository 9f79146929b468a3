-- What the cached evaluation inputs (input-cache.ts) were read under: when the measures were last
-- written, from which layer versions, with which of monitoring's states, and how many there are.
SELECT coalesce(measured_at::text, '') || '|' || coalesce(input_versions::text, '') || '|' || coalesce(measured_state_hash, '')
       || '|' || (SELECT count(*) FROM plan_measure)::text AS key
FROM plan_state WHERE id = 1
