-- Roll-ups per oblast (admin1), district (admin2) or the nation. Facilities and settlements
-- without a region fall into 'unassigned', so every level adds up to the inputs' own totals.
-- :regions (a partner's admin1 ids) narrows both; null means everything.
WITH fac AS (
  SELECT CASE :level WHEN 'admin1' THEN coalesce(r.admin1_id, 'unassigned')
                     WHEN 'admin2' THEN coalesce(r.admin2_id, 'unassigned')
                     ELSE 'national' END AS region_id,
         count(*)::int AS facilities,
         count(*) FILTER (WHERE r.gap_class = 'connected')::int AS connected,
         count(*) FILTER (WHERE r.gap_class = 'lit_village')::int AS lit_village,
         count(*) FILTER (WHERE r.gap_class = 'near_fibre')::int AS near_fibre,
         count(*) FILTER (WHERE r.gap_class = 'mobile_only')::int AS mobile_only,
         count(*) FILTER (WHERE r.gap_class = 'unserved')::int AS unserved,
         count(*) FILTER (WHERE m.attach_method = 'orphan')::int AS orphans,
         count(*) FILTER (WHERE NOT r.in_scope)::int AS out_of_scope,
         -- The cost to connect: new work in the planning universe (keeping a current link is none).
         coalesce(sum(r.tco_usd) FILTER (WHERE r.in_scope AND r.technology <> 'keep'), 0) AS cost_usd,
         coalesce(sum(r.tco_kzt) FILTER (WHERE r.in_scope AND r.technology <> 'keep'), 0) AS cost_kzt,
         coalesce(sum(r.beneficiaries) FILTER (WHERE r.gap_class <> 'connected' AND r.in_scope AND r.technology <> 'keep'), 0) AS beneficiaries
  FROM plan_result r
  LEFT JOIN plan_measure m ON m.facility_id = r.facility_id
  WHERE :regions::text[] IS NULL OR r.admin1_id = ANY (:regions::text[])
  GROUP BY 1
), set AS (
  SELECT CASE :level WHEN 'admin1' THEN coalesce(s.admin1_id, 'unassigned')
                     WHEN 'admin2' THEN coalesce(s.admin2_id, 'unassigned')
                     ELSE 'national' END AS region_id,
         count(*)::int AS settlements,
         count(*) FILTER (WHERE ps.pop_in_settlement OR ps.pop_distance_m <= :village_radius_m
                                OR ps.route_distance_m <= :village_radius_m)::int AS with_fibre,
         count(*) FILTER (WHERE ps.mobile_technology IN ('3G', '4G', '5G'))::int AS with_mobile
  FROM settlement s
  LEFT JOIN plan_settlement ps ON ps.settlement_id = s.id
  WHERE :regions::text[] IS NULL OR s.admin1_id = ANY (:regions::text[])
  GROUP BY 1
)
SELECT coalesce(fac.region_id, set.region_id) AS region_id,
       coalesce(a1.name_ru, a2.name_ru) AS name_ru, coalesce(a1.name_kk, a2.name_kk) AS name_kk,
       coalesce(a1.name_en, a2.name_en) AS name_en,
       coalesce(set.settlements, 0) AS settlements, coalesce(set.with_fibre, 0) AS with_fibre,
       coalesce(set.with_mobile, 0) AS with_mobile,
       coalesce(fac.facilities, 0) AS facilities, coalesce(fac.connected, 0) AS connected,
       coalesce(fac.lit_village, 0) AS lit_village, coalesce(fac.near_fibre, 0) AS near_fibre,
       coalesce(fac.mobile_only, 0) AS mobile_only, coalesce(fac.unserved, 0) AS unserved,
       coalesce(fac.orphans, 0) AS orphans, coalesce(fac.out_of_scope, 0) AS out_of_scope, coalesce(fac.cost_usd, 0) AS cost_usd,
       coalesce(fac.cost_kzt, 0) AS cost_kzt, coalesce(fac.beneficiaries, 0) AS beneficiaries
FROM fac
FULL JOIN set ON set.region_id = fac.region_id
LEFT JOIN region_admin1 a1 ON :level = 'admin1' AND a1.id = coalesce(fac.region_id, set.region_id)
LEFT JOIN region_admin2 a2 ON :level = 'admin2' AND a2.id = coalesce(fac.region_id, set.region_id)
ORDER BY coalesce(fac.region_id, set.region_id) COLLATE "C"
