-- The fresh settlement measures (plan_settlement_stage) replace plan_settlement.
INSERT INTO plan_settlement (settlement_id, pop_in_settlement, pop_distance_m, route_distance_m, mobile_technology)
SELECT settlement_id, pop_in_settlement, pop_distance_m, route_distance_m, mobile_technology
FROM plan_settlement_stage
