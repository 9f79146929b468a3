-- The facilities the gap engine attached to one settlement (given or by location).
SELECT facility_id FROM plan_measure WHERE settlement_id = :settlement ORDER BY facility_id COLLATE "C"
