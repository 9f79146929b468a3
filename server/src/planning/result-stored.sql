-- What plan_result holds, one array per row in the order of result-write.ts's FIGURES, PLACE (the point as
-- lon / lat), to compare the next results with when this process has no copy of its own. :place
-- false: the figures only (a cost-only re-rank writes nothing else). One JSON string: the embedded
-- backend decodes one string far faster than row by row (see result-inputs-page.sql); a double is
-- printed shortest-exact, so it reads back as the very number that was written.
SELECT coalesce(json_agg(json_build_array(
         r.facility_id, gap_class, technology, capex_usd, opex_usd_per_year, tco_usd, tco_kzt, beneficiaries, score, k.rank,
         measured_state, measured, measured_flag, in_scope, underserved, standalone_tco_usd, share_group,
         CASE WHEN :place THEN json_build_array(name, name_ru, name_kk, name_en, search_text, kind, subkind, settlement_id,
                                                settlement_name, admin1_id, admin2_id, provenance, ST_X(geom), ST_Y(geom), settlement_type) END
       )), '[]')::text AS rows
FROM plan_result r
LEFT JOIN plan_rank k ON k.facility_id = r.facility_id
