-- Measures of facilities that no longer exist; returns their ids.
DELETE FROM plan_measure m WHERE NOT EXISTS (SELECT 1 FROM facility f WHERE f.id = m.facility_id) RETURNING facility_id
