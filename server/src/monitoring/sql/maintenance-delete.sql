-- Removes one of a site's maintenance windows (never an all-sites one through a site's route).
DELETE FROM maintenance_window WHERE id = :id AND site_id = :site_id RETURNING id
