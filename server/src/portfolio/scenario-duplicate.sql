INSERT INTO scenario (name, description, params, budget_kzt)
SELECT :new_name, coalesce(:description, description), params, budget_kzt FROM scenario WHERE name = :name
ON CONFLICT (name) DO NOTHING
RETURNING name
