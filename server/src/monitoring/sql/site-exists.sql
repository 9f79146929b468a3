-- Whether a site id is taken.
SELECT 1 FROM monitored_site WHERE id = :id
