-- Writes a rewrite's rows in bulk (COPY text, db/copy-text.ts). result-write.ts sends each column
-- from the result column of the same name, opex_usd_per_year from opex_usd, and geom as the point
-- at lon, lat (hex EWKB, SRID 4326).
COPY plan_result (
  facility_id, name, name_ru, name_kk, name_en, search_text, kind, subkind, settlement_id, settlement_name,
  admin1_id, admin2_id, gap_class, technology, capex_usd, opex_usd_per_year, tco_usd, tco_kzt,
  beneficiaries, score, provenance, geom, measured_state, measured, measured_flag,
  settlement_type, in_scope, underserved, standalone_tco_usd, share_group)
FROM STDIN
