-- Removes a monitored site (its polls, outages and events go with it: ON DELETE CASCADE).
DELETE FROM monitored_site WHERE id = :id RETURNING id
