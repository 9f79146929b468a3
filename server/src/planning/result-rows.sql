-- How many results are stored, and how many of them are the given facilities' (result-write.ts: an
-- in-place update without a copy to compare with needs exactly one row per facility, no other;
-- :ids null: the count alone, before a copy is read back).
SELECT count(*)::int AS n, count(u.id)::int AS matched
FROM plan_result r
LEFT JOIN unnest(coalesce(:ids::text[], '{}')) AS u(id) ON u.id = r.facility_id
