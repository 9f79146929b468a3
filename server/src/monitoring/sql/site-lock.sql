-- One site, locked for a change in the same transaction.
SELECT * FROM monitored_site WHERE id = :id FOR UPDATE
