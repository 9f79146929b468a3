-- The top of the ranking, with what a reader needs to judge it. plan_result before plan_rank, as every
-- reader and the write take them (a reader locking plan_rank first could deadlock with a rewrite).
SELECT k.rank, r.facility_id AS "facilityId", coalesce(r.name_ru, r.name, r.name_en) AS name, r.kind, r.subkind,
       r.settlement_name AS "settlementName", r.settlement_type AS "settlementType", r.gap_class AS "gapClass",
       r.technology, r.beneficiaries, r.tco_usd AS "tcoUsd", r.standalone_tco_usd AS "standaloneTcoUsd", r.share_group AS "shareGroup", r.score
FROM plan_result r
JOIN plan_rank k ON k.facility_id = r.facility_id
WHERE k.rank <= :top
ORDER BY k.rank
