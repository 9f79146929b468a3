-- The top of the ranking, with what a reader needs to judge it.
SELECT rank, facility_id AS "facilityId", coalesce(name_ru, name, name_en) AS name, kind, subkind,
       settlement_name AS "settlementName", settlement_type AS "settlementType", gap_class AS "gapClass",
       technology, beneficiaries, tco_usd AS "tcoUsd", standalone_tco_usd AS "standaloneTcoUsd", share_group AS "shareGroup", score
FROM plan_result
WHERE rank IS NOT NULL AND rank <= :top
ORDER BY rank
