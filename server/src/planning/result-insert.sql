-- Writes one page of results (arrays of equal length, one element per facility).
INSERT INTO plan_result (
  facility_id, name, name_ru, name_kk, name_en, search_text, kind, subkind, settlement_id, settlement_name,
  admin1_id, admin2_id, gap_class, technology, capex_usd, opex_usd_per_year, tco_usd, tco_kzt,
  beneficiaries, score, rank, provenance, geom, measured_state, measured, measured_flag,
  settlement_type, in_scope, underserved, standalone_tco_usd, share_group)
SELECT u.facility_id, u.name, u.name_ru, u.name_kk, u.name_en, u.search_text, u.kind, u.subkind,
       u.settlement_id, u.settlement_name, u.admin1_id, u.admin2_id, u.gap_class, u.technology,
       u.capex_usd, u.opex_usd, u.tco_usd, u.tco_kzt, u.beneficiaries, u.score, u.rank, u.provenance,
       ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326),
       u.measured_state, u.measured, u.measured_flag,
       u.settlement_type, u.in_scope, u.underserved, u.standalone_tco_usd, u.share_group
FROM {{given}}
