-- A new share token for one site: the old share link stops working at once.
UPDATE monitored_site SET share_token = :share_token, updated_at = now() WHERE id = :id
