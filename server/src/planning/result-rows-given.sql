-- Every column of a result row, one array each (equal lengths, one element per facility): what
-- result-update-rows.sql reads (filled in as {{given}}); result-copy.sql writes the same columns.
unnest(:facility_id::text[], :name::text[], :name_ru::text[], :name_kk::text[], :name_en::text[],
            :search_text::text[], :kind::text[], :subkind::text[], :settlement_id::text[],
            :settlement_name::text[], :admin1_id::text[], :admin2_id::text[], :gap_class::text[],
            :technology::text[], :capex_usd::float8[], :opex_usd::float8[], :tco_usd::float8[],
            :tco_kzt::float8[], :beneficiaries::float8[], :score::float8[],
            :provenance::text[], :lon::float8[], :lat::float8[],
            :measured_state::text[], :measured::boolean[], :measured_flag::text[],
            :settlement_type::text[], :in_scope::boolean[], :underserved::boolean[], :standalone_tco_usd::float8[], :share_group::text[])
  AS u(facility_id, name, name_ru, name_kk, name_en, search_text, kind, subkind, settlement_id,
       settlement_name, admin1_id, admin2_id, gap_class, technology, capex_usd, opex_usd, tco_usd,
       tco_kzt, beneficiaries, score, provenance, lon, lat, measured_state, measured, measured_flag,
       settlement_type, in_scope, underserved, standalone_tco_usd, share_group)
