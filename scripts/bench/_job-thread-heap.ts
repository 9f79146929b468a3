// Benchmarks that re-rank on their own main thread stand for the server's job thread
// (jobs/job-thread.ts), which evaluates with a young generation of EVALUATION_YOUNG_GENERATION_MB
// (heap-share.ts). Under V8's default 16 MB semi-spaces the same evaluation of the bundled data took
// ≈ 25 % longer (session 23: 198 against 152 ms median, warm): a benchmark run so measures a
// configuration the product never uses. This runs the script again under the job thread's flags.
import { spawn } from 'node:child_process';
import { EVALUATION_YOUNG_GENERATION_MB } from '../../server/src/planning/heap-share.ts';

/** The job thread's young generation as a node flag (three semi-spaces). */
export const JOB_THREAD_SEMI_SPACE = `--max-semi-space-size=${EVALUATION_YOUNG_GENERATION_MB / 3}`;

/**
 * Returns at once when this process already runs under `flags` (and `also` holds); otherwise runs
 * this script again with them (signals passed on), exits with its code and never returns.
 */
export async function runUnder(flags: readonly string[], also = true): Promise<void> {
  if (also && flags.every((f) => process.execArgv.includes(f))) return;
  const child = spawn(process.execPath, [...process.execArgv, ...flags, ...process.argv.slice(1)], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 1));
  await new Promise(() => {});
}
