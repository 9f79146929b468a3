-- Measures written for the given facilities (all when ids is null).
SELECT count(*)::int AS n FROM plan_measure WHERE :ids::text[] IS NULL OR facility_id = ANY (:ids::text[])
