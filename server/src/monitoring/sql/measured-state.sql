-- What monitoring tells the gap engine per facility (view facility_measured_state, migration 020).
SELECT * FROM facility_measured_state ORDER BY facility_id
