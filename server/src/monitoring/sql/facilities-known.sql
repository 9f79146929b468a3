-- Which of the given facility ids exist (a site must belong to a facility).
SELECT id FROM facility WHERE id = ANY (:ids::text[])
