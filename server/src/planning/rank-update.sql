-- Writes the ranks computed in TypeScript (rank.ts: score descending, ties by facility id).
UPDATE plan_result r SET rank = u.rank
FROM unnest(:ids::text[], :ranks::int[]) AS u(id, rank)
WHERE r.facility_id = u.id
