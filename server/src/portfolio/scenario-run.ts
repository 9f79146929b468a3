// Runs a saved scenario: its parameters over the gap engine's measures, the pure portfolio engine,
// and the run stored with its parameters, their hash and the data version.
import type { Database } from '../db/database.ts';
import { compareRuns, type Comparison } from './compare.ts';
import { runPortfolio, type RunOptions } from './engine.ts';
import { effective } from './model.ts';
import { dataVersion, ensureMeasures, loadPlan } from './plan-source.ts';
import type { ScenarioRun } from './result.ts';
import { getRun, getScenario, saveRun } from './scenario-store.ts';

/** Stage durations of one run (not stored: a re-run must store the identical result). */
export type RunTimings = { measuresMs: number; loadMs: number; engineMs: number; saveMs: number };

export async function runScenario(db: Database, name: string, budgetKzt?: number, options: RunOptions = {}): Promise<ScenarioRun & { timings: RunTimings }> {
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const d = Math.round(now - t);
    t = now;
    return d;
  };
  const s = await getScenario(db, name);
  const eff = effective(s.params);
  await ensureMeasures(db, eff.planning);
  const version = await dataVersion(db);
  const measuresMs = lap();
  const plan = await loadPlan(db, eff.planning, eff.model.ranges.map((r) => r.name));
  const loadMs = lap();
  const result = runPortfolio(plan.facilities, plan.groups, eff.model, budgetKzt ?? s.budgetKzt, options);
  const engineMs = lap();
  // The full effective set is stored: a later change of the code's defaults cannot change a re-run.
  const params = { ...eff.params, planning: eff.planning };
  const run = await saveRun(db, { scenario: name, overrides: s.params, params, paramsHash: eff.hash, dataVersion: version, result });
  return { ...run, timings: { measuresMs, loadMs, engineMs, saveMs: lap() } };
}

/** Compares the latest runs of two or more scenarios; the first is the baseline. */
export async function compareScenarios(db: Database, names: readonly string[], view: (r: ScenarioRun) => ScenarioRun = (r) => r): Promise<Comparison> {
  const runs: ScenarioRun[] = [];
  for (const n of names) runs.push(view(await getRun(db, n)));
  return compareRuns(runs);
}
