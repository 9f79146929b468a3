-- What the gap engine's measures were computed from, and the parameters of its current results.
SELECT st.spatial_hash, ps.params::text AS params
FROM plan_state st
LEFT JOIN plan_parameter_set ps ON ps.hash = st.parameter_hash
WHERE st.id = 1
