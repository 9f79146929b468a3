-- Scenarios (docs/planning-model.md "Portfolio under a budget"): a named set of parameter overrides
-- and a budget, and every run of it with the exact parameters, their hash and the data version
-- (layer_version of every input layer) it was computed from, so an old result names its inputs.
CREATE TABLE scenario (
  name         text PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),
  description  text,
  params       jsonb NOT NULL DEFAULT '{}',
  budget_kzt   double precision NOT NULL CHECK (budget_kzt >= 0),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE scenario_run (
  id             bigserial PRIMARY KEY,
  scenario_name  text NOT NULL REFERENCES scenario (name) ON DELETE CASCADE ON UPDATE CASCADE,
  overrides      jsonb NOT NULL,            -- the scenario's parameters as written
  params         jsonb NOT NULL,            -- the effective set (every planning parameter): re-runnable as is
  params_hash    text NOT NULL,
  data_version   jsonb NOT NULL,            -- { layer: version }
  budget_kzt     double precision NOT NULL,
  result         jsonb NOT NULL,
  ran_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX scenario_run_latest ON scenario_run (scenario_name, id DESC);
