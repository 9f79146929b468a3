// Scenarios and their runs in the database (040_portfolio.sql). Parameters are stored as given
// (overrides); each run stores the effective parameters, their hash and the data version.
import type { Queryable } from '../db/database.ts';
import { AppError } from '../app-error.ts';
import { loadSql, runSql } from '../db/sql.ts';
import type { ScenarioResult, ScenarioRun } from './result.ts';

const sql = (f: string) => loadSql(import.meta.url, f);
const insertSql = sql('./scenario-insert.sql');
const updateSql = sql('./scenario-update.sql');
const listSql = sql('./scenario-list.sql');
const duplicateSql = sql('./scenario-duplicate.sql');
const runInsertSql = sql('./run-insert.sql');
const runSelectSql = sql('./run-select.sql');
const runListSql = sql('./run-list.sql');
const deleteSql = sql('./scenario-delete.sql');

export type Scenario = {
  name: string;
  description: string | null;
  params: Record<string, unknown>;
  budgetKzt: number;
  createdAt: string;
  updatedAt: string;
  /** Totals are left out of a partner's view (they are national). */
  latestRun: { id: number; ranAt: string; paramsHash: string; totalCostKzt?: number; beneficiaries?: number } | null;
};

export class ScenarioError extends AppError {
  constructor(override readonly code: 'scenario_exists' | 'scenario_not_found' | 'run_not_found', message: string) {
    super(code === 'scenario_exists' ? 409 : 404, code, message);
    this.name = 'ScenarioError';
  }
}

type ListRow = {
  name: string; description: string | null; params: string; budget_kzt: number; created_at: string; updated_at: string;
  run_id: number | null; ran_at: string | null; params_hash: string | null; total_cost_kzt: number | null; beneficiaries: number | null;
};

const toScenario = (r: ListRow): Scenario => ({
  name: r.name,
  description: r.description,
  params: JSON.parse(r.params),
  budgetKzt: r.budget_kzt,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  latestRun: r.run_id === null ? null : {
    id: Number(r.run_id), ranAt: r.ran_at!, paramsHash: r.params_hash!, totalCostKzt: r.total_cost_kzt!, beneficiaries: r.beneficiaries!,
  },
});

export async function listScenarios(db: Queryable): Promise<Scenario[]> {
  return (await runSql<ListRow>(db, listSql, { name: null })).map(toScenario);
}

export async function getScenario(db: Queryable, name: string): Promise<Scenario> {
  const [row] = await runSql<ListRow>(db, listSql, { name });
  if (!row) throw new ScenarioError('scenario_not_found', `scenario '${name}' not found`);
  return toScenario(row);
}

export async function createScenario(db: Queryable, s: { name: string; description?: string | null; params: unknown; budgetKzt: number }): Promise<Scenario> {
  const rows = await runSql(db, insertSql, { name: s.name, description: s.description ?? null, params: JSON.stringify(s.params ?? {}), budget_kzt: s.budgetKzt });
  if (rows.length === 0) throw new ScenarioError('scenario_exists', `scenario '${s.name}' already exists; choose another name or update it`);
  return getScenario(db, s.name);
}

export async function updateScenario(db: Queryable, name: string, s: { description?: string | null | undefined; params?: unknown; budgetKzt?: number | undefined }): Promise<Scenario> {
  const rows = await runSql(db, updateSql, {
    name, description: s.description ?? null, params: s.params === undefined ? null : JSON.stringify(s.params), budget_kzt: s.budgetKzt ?? null,
  });
  if (rows.length === 0) throw new ScenarioError('scenario_not_found', `scenario '${name}' not found`);
  return getScenario(db, name);
}

export async function deleteScenario(db: Queryable, name: string): Promise<void> {
  const rows = await runSql(db, deleteSql, { name });
  if (rows.length === 0) throw new ScenarioError('scenario_not_found', `scenario '${name}' not found`);
}

/** Copies the parameters and budget (not the runs) under a new name. */
export async function duplicateScenario(db: Queryable, name: string, newName: string, description?: string | null): Promise<Scenario> {
  await getScenario(db, name);
  const rows = await runSql(db, duplicateSql, { name, new_name: newName, description: description ?? null });
  if (rows.length === 0) throw new ScenarioError('scenario_exists', `scenario '${newName}' already exists; choose another name`);
  return getScenario(db, newName);
}

export async function saveRun(
  db: Queryable,
  run: { scenario: string; overrides: Record<string, unknown>; params: Record<string, unknown>; paramsHash: string; dataVersion: Record<string, number>; result: ScenarioResult },
): Promise<ScenarioRun> {
  const [row] = await runSql<{ id: number; ran_at: string }>(db, runInsertSql, {
    scenario: run.scenario,
    overrides: JSON.stringify(run.overrides),
    params: JSON.stringify(run.params),
    params_hash: run.paramsHash,
    data_version: JSON.stringify(run.dataVersion),
    budget_kzt: run.result.budgetKzt,
    result: JSON.stringify(run.result),
  });
  return { id: Number(row!.id), ranAt: row!.ran_at, ...run };
}

type RunRow = { id: number; scenario_name: string; overrides: string; params: string; params_hash: string; data_version: string; ran_at: string; result: string };

/** The latest run of a scenario, or the run with the given id. */
export async function getRun(db: Queryable, scenario: string, id: number | null = null): Promise<ScenarioRun> {
  const [r] = await runSql<RunRow>(db, runSelectSql, { scenario, id });
  if (!r) {
    throw new ScenarioError('run_not_found', id === null ? `scenario '${scenario}' has not been run yet` : `scenario '${scenario}' has no run ${id}`);
  }
  return {
    id: Number(r.id), scenario: r.scenario_name, overrides: JSON.parse(r.overrides), params: JSON.parse(r.params), paramsHash: r.params_hash,
    dataVersion: JSON.parse(r.data_version), ranAt: r.ran_at, result: JSON.parse(r.result),
  };
}

export async function listRuns(db: Queryable, scenario: string) {
  await getScenario(db, scenario);
  const rows = await runSql<{ id: number; params_hash: string; data_version: string; budget_kzt: number; ran_at: string; total_cost_kzt: number; beneficiaries: number }>(db, runListSql, { scenario });
  return rows.map((r) => ({
    id: Number(r.id), paramsHash: r.params_hash, dataVersion: JSON.parse(r.data_version), budgetKzt: r.budget_kzt,
    ranAt: r.ran_at, totalCostKzt: r.total_cost_kzt, beneficiaries: r.beneficiaries,
  }));
}
