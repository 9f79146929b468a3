-- Removes a saved scenario by name (its runs go with it).
DELETE FROM scenario WHERE name = :name RETURNING name
