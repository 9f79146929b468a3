-- Inserts a batch of polls given as one JSON array of poll_sample rows (keys are column names:
-- the poll table's columns plus the poll's own). The row type is the table's, so a column added by
-- a migration and named in the poll table needs no change here. Replays (same sample_id) and polls
-- of sites that no longer exist are skipped. Returns the ids actually inserted.
INSERT INTO poll_sample
SELECT p.*
FROM jsonb_array_elements(:rows::jsonb) AS e(r)
CROSS JOIN LATERAL jsonb_populate_record(NULL::poll_sample,
  e.r || jsonb_build_object('processed', true, 'received_at', now())) AS p
WHERE EXISTS (SELECT 1 FROM monitored_site s WHERE s.id = p.site_id)
ON CONFLICT (sample_id, polled_at) DO NOTHING
RETURNING sample_id
