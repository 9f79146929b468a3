-- Facilities whose row changed since they were measured, or that were never measured.
SELECT f.id FROM facility f
LEFT JOIN plan_measure m ON m.facility_id = f.id
WHERE m.facility_id IS NULL OR m.row_hash <> md5(f::text)
