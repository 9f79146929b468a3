INSERT INTO scenario (name, description, params, budget_kzt)
VALUES (:name, :description, :params::jsonb, :budget_kzt)
ON CONFLICT (name) DO NOTHING
RETURNING name
