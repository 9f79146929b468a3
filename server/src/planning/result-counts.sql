-- Facilities with a result, how many are ranked, and how many could not be attached to a settlement.
SELECT (SELECT count(*)::int FROM plan_result) AS facilities,
       (SELECT count(*)::int FROM plan_rank) AS ranked,
       (SELECT count(*)::int FROM plan_measure WHERE attach_method = 'orphan') AS orphans
