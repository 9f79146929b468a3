-- Facilities to attach the demo devices to: schools first (the programme's first users), then the
-- rest, in a stable order so a restart picks the same ones.
SELECT id
FROM facility
ORDER BY (kind = 'school') DESC, id
LIMIT :limit
