-- Rows whose only change is their position (one cheaper facility moves thousands of ranks): two
-- arrays instead of seventeen (result-write.ts).
UPDATE plan_result r SET rank = u.rank
FROM unnest(:facility_id::text[], :rank::int[]) AS u(facility_id, rank)
WHERE r.facility_id = u.facility_id
