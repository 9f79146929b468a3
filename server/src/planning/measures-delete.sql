-- Measures of the given facilities, about to be redone.
DELETE FROM plan_measure WHERE facility_id = ANY (:ids::text[])
