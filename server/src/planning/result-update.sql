-- Cost-only re-rank (result-write.ts): the measures did not change, so every facility already has its
-- row; one statement rewrites what costs, choices, scores and monitoring's states decide (the ranks
-- are plan_rank's, written whole),
-- and only on the rows where any of it changed (names, geometry and search text stay). :checked:
-- the caller sends only rows it knows differ (its copy under migration 018's stamp), so the
-- comparison folds away when planned and the join carries no old figures.
WITH changed AS (
UPDATE plan_result r
SET gap_class = u.gap_class, technology = u.technology, capex_usd = u.capex_usd, opex_usd_per_year = u.opex_usd,
    tco_usd = u.tco_usd, tco_kzt = u.tco_kzt, beneficiaries = u.beneficiaries, score = u.score,
    measured_state = u.measured_state, measured = u.measured, measured_flag = u.measured_flag,
    in_scope = u.in_scope, underserved = u.underserved, standalone_tco_usd = u.standalone_tco_usd, share_group = u.share_group
FROM unnest(:facility_id::text[], :gap_class::text[], :technology::text[], :capex_usd::float8[], :opex_usd::float8[],
            :tco_usd::float8[], :tco_kzt::float8[], :beneficiaries::float8[], :score::float8[],
            :measured_state::text[], :measured::boolean[], :measured_flag::text[],
            :in_scope::boolean[], :underserved::boolean[], :standalone_tco_usd::float8[], :share_group::text[])
  AS u(facility_id, gap_class, technology, capex_usd, opex_usd, tco_usd, tco_kzt, beneficiaries, score,
       measured_state, measured, measured_flag, in_scope, underserved, standalone_tco_usd, share_group)
WHERE r.facility_id = u.facility_id
  AND (:checked::boolean OR (r.gap_class, r.technology, r.capex_usd, r.opex_usd_per_year, r.tco_usd, r.tco_kzt, r.beneficiaries, r.score,
       r.measured_state, r.measured, r.measured_flag, r.in_scope, r.underserved, r.standalone_tco_usd, r.share_group)
      IS DISTINCT FROM
      (u.gap_class, u.technology, u.capex_usd, u.opex_usd, u.tco_usd, u.tco_kzt, u.beneficiaries, u.score,
       u.measured_state, u.measured, u.measured_flag, u.in_scope, u.underserved, u.standalone_tco_usd, u.share_group))
RETURNING 1
)
SELECT count(*)::int AS changed FROM changed
