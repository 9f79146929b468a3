UPDATE scenario
SET description = coalesce(:description, description),
    params = coalesce(:params::jsonb, params),
    budget_kzt = coalesce(:budget_kzt, budget_kzt),
    updated_at = now()
WHERE name = :name
RETURNING name
