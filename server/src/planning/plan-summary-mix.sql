-- The technology mix of the plan: facilities per gap class, scope and chosen technology
-- (null technology: connected, or nothing feasible).
SELECT gap_class AS "gapClass", in_scope AS "inScope", coalesce(technology, 'none') AS technology, count(*)::int AS facilities,
       count(share_group)::int AS shared, coalesce(sum(tco_usd), 0)::float8 AS "tcoUsd"
FROM plan_result
GROUP BY gap_class, in_scope, coalesce(technology, 'none')
ORDER BY gap_class, in_scope DESC, coalesce(technology, 'none')
