// Profiling aid for the cost-only re-rank (issue 14): keeps one PostgreSQL database with the bundled
// data measured (`baylanys_rerank_profile`, made on first use), then runs warm cost-only re-ranks and
// prints wall and CPU time of this process and of the database backend (/proc/<pid>/stat).
// Run under `node --cpu-prof --import tsx` to see where the evaluation's time goes.
//   DATABASE_URL=… npx tsx scripts/bench/planning-rerank-profile.ts [--runs N] [--threads N] [--phases] [--statements] [--sensitivity] [--evaluate]
// --phases: each re-rank's phases and the write's sub-phases (RecomputeReport.phasesMs).
// --evaluate: the evaluation alone on the cached inputs (no write), 'fibre' (a new fibre price each run,
// as a planner moves a unit cost) and 'finance' (a new discount rate each run: every option's costs move).
import os from 'node:os';
import pg from 'pg';
import { loadConfig } from '../../server/src/config.ts';
import { loadBundledData } from '../../server/src/data/bundled.ts';
import { openDatabase, type Database, type Queryable } from '../../server/src/db/database.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { evaluateInThreads } from '../../server/src/planning/evaluate-pool.ts';
import { evaluateFigures } from '../../server/src/planning/evaluate-share.ts';
import { facilityInputs } from '../../server/src/planning/input-cache.ts';
import { parseParameters, type Parameters } from '../../server/src/planning/parameters.ts';
import { recompute } from '../../server/src/planning/recompute.ts';
import { sensitivity } from '../../server/src/planning/sensitivity.ts';
import { JOB_THREAD_SEMI_SPACE, runUnder } from './_job-thread-heap.ts';
import { ownCpuS } from './_proc.ts';

await runUnder([JOB_THREAD_SEMI_SPACE]); // as the job thread a re-rank runs on

const NAME = 'baylanys_rerank_profile';
const args = process.argv.slice(2);
const explain = args.includes('--explain');
const runs = Number(args[args.indexOf('--runs') + 1] ?? 5) || 5;
/** --threads N: evaluate on N threads (1: on this thread); default: as the recompute decides. */
const threads = args.includes('--threads') ? Number(args[args.indexOf('--threads') + 1]) : undefined;
const config = loadConfig();
if (!config.databaseUrl) throw new Error('set DATABASE_URL');
const admin = new pg.Client({ connectionString: config.databaseUrl });
await admin.connect();
const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [NAME])).rowCount === 1;
if (!exists) await admin.query(`CREATE DATABASE ${NAME}`);
const u = new URL(config.databaseUrl);
u.pathname = `/${NAME}`;
const opened = await openDatabase({ databaseUrl: u.toString() });
/** Wall time per statement (first line of its text), to see which statements the re-rank waits on. */
const perSql = new Map<string, number>();
function timedQuery<Q extends Queryable>(q: Q): Q {
  return {
    ...q,
    query: (async (sql: string, params?: unknown[]) => {
      if (explain && sql.startsWith('-- Cost-only re-rank')) {
        await q.exec('SAVEPOINT profile');
        const plan = await q.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params as never);
        console.log(plan.map((r) => Object.values(r)[0]).join('\n'));
        await q.exec('ROLLBACK TO SAVEPOINT profile');
      }
      const t = performance.now();
      try { return await q.query(sql, params as never); } finally {
        const k = sql.replace(/\s+/g, ' ').slice(0, 70);
        perSql.set(k, (perSql.get(k) ?? 0) + performance.now() - t);
      }
    }) as Q['query'],
  };
}
const onThread = opened.transactionOnThread;
const db: Database = {
  ...timedQuery(opened),
  transaction: (fn) => opened.transaction((tx) => fn(timedQuery(tx))),
  transactionOnThread: onThread && ((fn) => onThread((tx) => fn(timedQuery(tx)))),
};
await migrate(db); // a database kept from an older checkout gets the newer migrations
if (!exists) {
  await loadBundledData(db);
  await recompute(db, parseParameters(), { full: true });
}
/** CPU ms of every backend of this database (utime + stime, _proc.ts ownCpuS). */
async function backendCpuMs(): Promise<number> {
  const rows = (await admin.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [NAME])).rows as Array<{ pid: number }>;
  let t = 0;
  for (const { pid } of rows) t += (ownCpuS(pid) ?? 0) * 1000; // a backend that has gone counts nothing
  return t;
}
await facilityInputs(db);
await recompute(db, parseParameters({ fibre: { perKmUsd: 8000 } }));
for (let i = 0; i < runs; i++) {
  const p = parseParameters({ fibre: { perKmUsd: 8500 + 500 * i } });
  const b0 = await backendCpuMs();
  const c = process.cpuUsage();
  const t = performance.now();
  const r = await recompute(db, p, { costThreads: threads });
  const wall = performance.now() - t;
  const d = process.cpuUsage(c);
  const b1 = await backendCpuMs();
  console.log(`re-rank ${i}: ${wall.toFixed(0)} ms wall (evaluate ${r.phasesMs.evaluate} ms, write ${r.phasesMs.writeResults} ms), node ${((d.user + d.system) / 1000).toFixed(0)} ms CPU, db ${b1 - b0} ms CPU, rows ${r.rowsChanged}, load ${os.loadavg()[0]!.toFixed(1)}`);
  if (args.includes('--phases')) console.log(`  phases ${JSON.stringify(r.phasesMs)}`);
}
if (args.includes('--statements')) for (const [k, v] of [...perSql].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${(v / runs).toFixed(1).padStart(8)} ms/run  ${k}`);
if (args.includes('--sensitivity')) {
  const { inputs } = await facilityInputs(db);
  const c = process.cpuUsage();
  const t = performance.now();
  const rep = sensitivity(inputs, parseParameters());
  const d = process.cpuUsage(c);
  console.log(`sensitivity: ${(performance.now() - t).toFixed(0)} ms wall, ${((d.user + d.system) / 1000).toFixed(0)} ms CPU, ${rep.ranges.length} ranges, load ${os.loadavg()[0]!.toFixed(1)}`);
}
if (args.includes('--evaluate')) {
  const { inputs } = await facilityInputs(db);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!.toFixed(0);
  const ways: Array<[string, (i: number) => Parameters]> = [
    ['fibre', (i) => parseParameters({ fibre: { perKmUsd: 7000 + 37 * i } })],
    ['finance', (i) => parseParameters({ finance: { discountRate: 0.05 + 0.0007 * i } })],
  ];
  for (const [name, at] of ways) {
    // --threads N (N > 1): on N worker threads (evaluate-pool.ts), as a recompute from THREAD_MIN_FACILITIES on.
    const evaluate = (p: Parameters) => (threads && threads > 1 ? evaluateInThreads(inputs, p, threads) : evaluateFigures(inputs, p));
    await evaluate(at(0)); // the code compiled
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 1; i <= runs; i++) {
      const p = at(i);
      const c = process.cpuUsage();
      const t = performance.now();
      await evaluate(p);
      const d = process.cpuUsage(c);
      wall.push(performance.now() - t);
      cpu.push((d.user + d.system) / 1000);
    }
    console.log(`evaluation ${name} on ${threads && threads > 1 ? threads : 1} thread(s) (${inputs.length} facilities): median ${median(wall)} ms wall, ${median(cpu)} ms CPU over ${runs} runs (${wall.map((x) => x.toFixed(0)).join(' ')}), load ${os.loadavg()[0]!.toFixed(1)}`);
  }
}
await db.close();
await admin.end();
