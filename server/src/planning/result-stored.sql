-- What plan_result holds, as the columns result-insert.sql writes (the point as lon / lat), to compare
-- the next results with when this process has no copy of its own (result-write.ts). One JSON string:
-- the embedded backend decodes one string far faster than row by row (see result-inputs-page.sql);
-- a double is printed shortest-exact, so it reads back as the very number that was written.
SELECT coalesce(json_agg(r), '[]')::text AS rows FROM (
  SELECT facility_id, name, name_ru, name_kk, name_en, search_text, kind, subkind, settlement_id, settlement_name,
         admin1_id, admin2_id, gap_class, technology, capex_usd, opex_usd_per_year AS opex_usd, tco_usd, tco_kzt,
         beneficiaries, score, rank, provenance, ST_X(geom) AS lon, ST_Y(geom) AS lat, measured_state, measured,
         measured_flag, settlement_type, in_scope, underserved, standalone_tco_usd, share_group
  FROM plan_result
) r
