-- How many statements have written `facility` (migration 016): unchanged since the last recompute
-- means no facility needs its row hash checked.
SELECT n::text AS n FROM plan_facility_change WHERE id = 1
