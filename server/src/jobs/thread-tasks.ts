// Work that runs on a job thread (job-thread.ts): CPU-heavy stages that would otherwise stall the
// server thread (the gap engine's cost stage took 4.6 s of it during a recompute). Each task gets
// the server's database through thread-database.ts and reports progress.
import type { Database } from '../db/database.ts';
import type { Parameters } from '../planning/parameters.ts';
import { recompute } from '../planning/recompute.ts';
import type { Report } from './job-runner.ts';

export const THREAD_TASKS = {
  recompute: (db: Database, args: { params: Parameters; full: boolean }, report: Report) =>
    recompute(db, args.params, { full: args.full, progress: report }),
} as const;

export type ThreadTask = keyof typeof THREAD_TASKS;
export type ThreadTaskArgs<K extends ThreadTask> = Parameters_<(typeof THREAD_TASKS)[K]>[1];
type Parameters_<F> = F extends (...a: infer A) => unknown ? A : never;
