-- The share tokens of sites that already exist: a bulk import keeps their links working.
SELECT id, share_token FROM monitored_site WHERE id = ANY (:ids::text[])
