-- A facility's rank and the parameter set it was ranked with.
SELECT k.rank, s.parameter_hash
FROM plan_result r LEFT JOIN plan_rank k ON k.facility_id = r.facility_id LEFT JOIN plan_state s ON s.id = 1
WHERE r.facility_id = :facility_id
