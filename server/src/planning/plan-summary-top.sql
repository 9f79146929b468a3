-- The top of the ranking, with what a reader needs to judge it.
SELECT k.rank, r.facility_id AS "facilityId", coalesce(r.name_ru, r.name, r.name_en) AS name, r.kind, r.subkind,
       r.settlement_name AS "settlementName", r.settlement_type AS "settlementType", r.gap_class AS "gapClass",
       r.technology, r.beneficiaries, r.tco_usd AS "tcoUsd", r.standalone_tco_usd AS "standaloneTcoUsd", r.share_group AS "shareGroup", r.score
FROM plan_rank k
JOIN plan_result r ON r.facility_id = k.facility_id
WHERE k.rank <= :top
ORDER BY k.rank
