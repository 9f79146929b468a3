-- Measures changed but the same facilities are there (recompute.ts, result-write.ts): the rows that
-- differ from what plan_result holds get every column anew, the others are not touched (their index
-- entries stay; no rebuild, no ANALYZE of a rewritten table).
UPDATE plan_result r
SET name = u.name, name_ru = u.name_ru, name_kk = u.name_kk, name_en = u.name_en, search_text = u.search_text,
    kind = u.kind, subkind = u.subkind, settlement_id = u.settlement_id, settlement_name = u.settlement_name,
    admin1_id = u.admin1_id, admin2_id = u.admin2_id, gap_class = u.gap_class, technology = u.technology,
    capex_usd = u.capex_usd, opex_usd_per_year = u.opex_usd, tco_usd = u.tco_usd, tco_kzt = u.tco_kzt,
    beneficiaries = u.beneficiaries, score = u.score, provenance = u.provenance,
    geom = ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326),
    measured_state = u.measured_state, measured = u.measured, measured_flag = u.measured_flag,
    settlement_type = u.settlement_type, in_scope = u.in_scope, underserved = u.underserved,
    standalone_tco_usd = u.standalone_tco_usd, share_group = u.share_group
FROM {{given}}
WHERE r.facility_id = u.facility_id
