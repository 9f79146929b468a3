// Work that runs on a job thread (job-thread.ts): CPU-heavy stages that would otherwise stall the
// server thread (the gap engine's cost stage took 4.6 s of it during a recompute). Each task gets
// the server's database through thread-database.ts and reports progress.
import type { Database } from '../db/database.ts';
import type { Parameters } from '../planning/parameters.ts';
import { facilityInputs } from '../planning/input-cache.ts';
import { recompute } from '../planning/recompute.ts';
import { sensitivity } from '../planning/sensitivity.ts';
import { runScenario } from '../portfolio/scenario-run.ts';
import type { Report } from './job-runner.ts';

export const THREAD_TASKS = {
  recompute: (db: Database, args: { params: Parameters; full: boolean }, report: Report) =>
    recompute(db, args.params, { full: args.full, progress: report }),
  // The national sensitivity counts: every facility of the caller's regions (null: all) evaluated at
  // both ends of every range, from the same warm input cache as recompute.
  sensitivityCounts: async (db: Database, args: { params: Parameters; regions: string[] | null }) => {
    const all = await facilityInputs(db);
    const mine = args.regions ? all.inputs.filter((x) => x.admin1Id !== null && args.regions!.includes(x.admin1Id)) : all.inputs;
    const { ranges, planned } = sensitivity(mine, args.params);
    return { ranges, planned };
  },
  // A scenario run (portfolio with Monte Carlo slopes), on the same warm inputs; its errors are
  // AppErrors, so their status, code and details cross the thread intact.
  scenarioRun: async (db: Database, args: { name: string; budgetKzt?: number | undefined }, report: Report) => {
    report('running', 0, 1);
    const run = await runScenario(db, args.name, args.budgetKzt);
    return { scenario: run.scenario, runId: run.id, ranAt: run.ranAt, paramsHash: run.paramsHash, dataVersion: run.dataVersion, timings: run.timings, ...run.result };
  },
} as const;

export type ThreadTask = keyof typeof THREAD_TASKS;
export type ThreadTaskArgs<K extends ThreadTask> = Parameters_<(typeof THREAD_TASKS)[K]>[1];
type Parameters_<F> = F extends (...a: infer A) => unknown ? A : never;
