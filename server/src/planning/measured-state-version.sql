-- Fingerprint of what the evaluation reads from monitoring (state and measured per facility):
-- a change alone makes the class/cost stage run again; figures that do not change a class do not.
SELECT md5(coalesce(string_agg(facility_id || ':' || state || ':' || measured::text, ',' ORDER BY facility_id COLLATE "C"), '')) AS hash
FROM facility_measured_state
