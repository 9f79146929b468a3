// Benchmarks that re-rank on their own main thread stand for the server's job thread
// (jobs/job-thread.ts), which evaluates with a young generation of EVALUATION_YOUNG_GENERATION_MB
// (heap-share.ts). Under V8's default 16 MB semi-spaces the same evaluation of the bundled data took
// ≈ 30 % longer (session 23: 198 against 152 ms median, a new fibre price each run): a benchmark run so
// measures a configuration the product never uses. This runs the script again under the job thread's flags.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { EVALUATION_YOUNG_GENERATION_MB } from '../../server/src/planning/heap-share.ts';

/** The job thread's young generation as a node flag (three semi-spaces). */
export const JOB_THREAD_SEMI_SPACE = `--max-semi-space-size=${EVALUATION_YOUNG_GENERATION_MB / 3}`;

/** Set in the process run again: it must not run itself again (a check that can never hold would not end). */
const AGAIN = 'BAYLANYS_BENCH_UNDER_FLAGS';

/**
 * Returns at once when this process already runs under `flags` (and `also` holds); otherwise runs
 * this script again with them (signals passed on), ends as it ends and never returns.
 */
export async function runUnder(flags: readonly string[], also = true): Promise<void> {
  if (also && flags.every((f) => process.execArgv.includes(f))) return;
  if (process.env[AGAIN]) throw new Error(`run again under ${flags.join(' ')}, this process still does not meet them (heap limit set elsewhere, NODE_OPTIONS?)`);
  const child = spawn(process.execPath, [...process.execArgv, ...flags, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, [AGAIN]: '1' } });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => child.kill(sig));
  // Ended by a signal: the shell's code for it (128 + its number).
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)));
  await new Promise(() => {});
}
