-- One page of ranked gaps. The ORDER BY is one entry of SORT_KEYS (gaps-query.ts), never request text;
-- ties always fall to the rank and then the facility id, byte order (added there).
SELECT r.facility_id AS "facilityId", r.name, r.name_ru AS "nameRu", r.name_kk AS "nameKk", r.name_en AS "nameEn",
       r.kind, r.subkind, r.settlement_id AS "settlementId", r.settlement_name AS "settlementName",
       r.admin1_id AS "admin1Id", r.admin2_id AS "admin2Id", r.gap_class AS "gapClass", r.technology,
       r.capex_usd AS "capexUsd", r.opex_usd_per_year AS "opexUsdPerYear", r.tco_usd AS "tcoUsd", r.tco_kzt AS "tcoKzt",
       r.beneficiaries, r.score, k.rank, ST_X(r.geom) AS lon, ST_Y(r.geom) AS lat, r.provenance,
       r.measured_state AS "measuredState", r.measured_flag AS "measuredFlag",
       r.settlement_type AS "settlementType", r.in_scope AS "inScope", r.underserved,
       r.standalone_tco_usd AS "standaloneTcoUsd", r.share_group AS "shareGroup"
FROM plan_result r
LEFT JOIN plan_rank k ON k.facility_id = r.facility_id -- the rank (migration 042)
WHERE {{filter}}
  AND {{after}}
ORDER BY {{order}}
LIMIT :limit OFFSET :offset
