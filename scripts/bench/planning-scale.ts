// Planning at scale (issue 14): a synthetic set of --facilities (default 2.2 M, Giga's 2.1–2.2 M
// mapped schools) on PostgreSQL, built in a throw-away database named baylanys_synthetic_scale_<facilities>
// from the bundled data by replication with a per-settlement offset (planning-scale-*.sql), then:
// a full recompute (phase by phase), a cost-only re-rank (one unit cost changed), the first gap-list page
// and its count for each filter (--no-pages: not), optionally the exact KNN floor (knn-floor.sql) on the same data. Records wall time, CPU time of this process
// and of this database's PostgreSQL backends (parallel workers included, sampled from /proc every
// 0.5 s), the WAL each step wrote and the checkpoints that ran in it, the server's WAL settings,
// the Node RSS peak and the backends' peak RSS, and the load average; the database is dropped at the
// end (--keep keeps it). Appends to bench/results/planning-scale.json by size.
//   DATABASE_URL=postgres://… nice -n 10 npx tsx scripts/bench/planning-scale.ts [--facilities 2200000] [--heap 16384] [--reranks 1] [--remeasure] [--floor] [--no-pages] [--keep] [--stop-after 55]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { constants as perf, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { Command } from 'commander';
import pg from 'pg';
import { loadBundledData } from '../../server/src/data/bundled.ts';
import { openDatabase, type Database } from '../../server/src/db/database.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { loadSql, runSql } from '../../server/src/db/sql.ts';
import { callerEvaluates } from '../../server/src/planning/evaluate-pool.ts';
import { EVALUATION_YOUNG_GENERATION_MB } from '../../server/src/planning/heap-share.ts';
import { parseParameters } from '../../server/src/planning/parameters.ts';
import type { PhaseTimes } from '../../server/src/planning/measures.ts';
import { countGaps, listGaps, type GapCursor, type GapFilter } from '../../server/src/planning/gaps-query.ts';
import { recompute, type RecomputeReport } from '../../server/src/planning/recompute.ts';
import { TECHNOLOGY_IDS } from '../../server/src/planning/technologies/catalogue.ts';
import { serverUrl } from '../../tests/support/db.ts';
import { watchBackends } from './_backend-watch.ts';
import { JOB_THREAD_SEMI_SPACE, runUnder } from './_job-thread-heap.ts';

const o = new Command('bench-planning-scale')
  .option('--facilities <n>', 'synthetic facilities wanted (rounded to whole copies of the bundled set)', '2200000')
  .option('--floor', 'also run the exact KNN floor on the same data')
  .option('--keep', 'keep the throw-away database')
  .option('--stop-after <minutes>', 'stop then (or on Ctrl-C): record the steps done and the phases of the running one, drop the database')
  .option('--heap <mb>', "V8 old space to run with (4096 is Node's default on this machine: a server without NODE_OPTIONS)", '16384')
  .option('--reranks <n>', 'cost-only re-ranks in a row (the fibre price moved each time): the planner\'s loop, the first right after the rewrite', '1')
  .option('--no-pages', 'skip timing, after the re-ranks, the first /api/gaps page (listGaps, 100 rows, three runs) and its count for every filter a user can set, and a keyset page deep in the list')
  .option('--remeasure', 'then a spatial re-measure (road snap limit 1,500 m): every facility measured again, written against the results kept')
  .parse()
  .opts<{ facilities: string; floor?: boolean; keep?: boolean; stopAfter?: string; heap: string; reranks: string; remeasure?: boolean; pages: boolean }>();
if (!serverUrl) throw new Error('the scale benchmark needs DATABASE_URL (PostgreSQL)');
if (!/^[1-9][0-9]*$/.test(o.reranks)) throw new Error(`--reranks takes a whole number of at least 1, not "${o.reranks}"`);

// The cost stage keeps the result columns of every facility until the ranks are known: at 2.2 M they
// outgrow V8's default heap (≈ 4 GB; the first 2.2 M run died of it). Run again with a 16 GB heap
// (--heap), which also lets the process keep 2.2 M facilities' inputs and results between runs
// (input-cache.ts KEPT_MAX_FACILITIES: half the heap), as a national server would be given.
// The recompute runs on this thread, standing for the server's job thread: the same young generation
// (heap-share.ts EVALUATION_YOUNG_GENERATION_MB, three semi-spaces).
const HEAP_MB = Number(o.heap);
callerEvaluates.onMainThread = true; // as the job thread does
await runUnder([`--max-old-space-size=${HEAP_MB}`, JOB_THREAD_SEMI_SPACE], Math.abs(v8.getHeapStatistics().heap_size_limit / 2 ** 20 - HEAP_MB - EVALUATION_YOUNG_GENERATION_MB) <= 512);

const RESULTS = 'bench/results/planning-scale.json';
const DB_NAME = `baylanys_synthetic_scale_${Number(o.facilities)}`;
const datasetSql = loadSql(import.meta.url, './planning-scale-dataset.sql');
const settlementsSql = loadSql(import.meta.url, './planning-scale-settlements.sql');
const facilitiesSql = loadSql(import.meta.url, './planning-scale-facilities.sql');
const floorSql = loadSql(import.meta.url, './knn-floor.sql');
const load = () => os.loadavg().map((x) => Number(x.toFixed(1)));

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

type Step = { wallMs: number; nodeCpuMs: number; pgCpuMs: number; nodeRssMb: number; loadAverage: number[] };

/**
 * This thread's garbage-collection pauses by kind (count, ms), as V8 reports them: the thread stands
 * for the job thread, so a step's share says how much of its wall time the collector held it (the
 * evaluation worker's own pauses and V8's concurrent marking on helper threads are not in it; they
 * are in nodeCpuMs).
 */
const GC_KINDS: Record<number, string> = { [perf.NODE_PERFORMANCE_GC_MAJOR]: 'major', [perf.NODE_PERFORMANCE_GC_MINOR]: 'minor', [perf.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [perf.NODE_PERFORMANCE_GC_WEAKCB]: 'weak' };
const gcSoFar: Record<string, { n: number; ms: number }> = {};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = GC_KINDS[((e as { detail?: { kind?: number } }).detail)?.kind ?? -1] ?? 'other';
    const t = (gcSoFar[kind] ??= { n: 0, ms: 0 });
    t.n++;
    t.ms += e.duration;
  }
}).observe({ entryTypes: ['gc'] });
const gcMark = () => Object.fromEntries(Object.entries(gcSoFar).map(([k, v]) => [k, { ...v }]));
const gcSince = (was: ReturnType<typeof gcMark>) => Object.fromEntries(Object.entries(gcSoFar)
  .map(([k, v]) => [k, { n: v.n - (was[k]?.n ?? 0), ms: Math.round(v.ms - (was[k]?.ms ?? 0)) }]).filter(([, v]) => (v as { n: number }).n > 0));

/**
 * Where the server's WAL stands and how many checkpoints it has run: a step's difference says how much
 * it wrote (a page's first change after a checkpoint writes the whole page, full_page_writes) and how
 * often the WAL's size forced a checkpoint in it. Both are the whole server's (other databases,
 * autovacuum): run the benchmark on an otherwise quiet server.
 */
type WalMark = { bytes: number; checkpoints: number };
const walMark = () => admin(async (c) => (await c.query<WalMark>(
  "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8 AS bytes, (checkpoints_timed + checkpoints_req)::int AS checkpoints FROM pg_stat_bgwriter")).rows[0]!);
const walSince = async (was: WalMark) => {
  const now = await walMark();
  return { walMb: Math.round((now.bytes - was.bytes) / 2 ** 20), checkpoints: now.checkpoints - was.checkpoints };
};
/** The server settings that decide how a large write waits on its WAL. */
const WAL_SETTINGS = ['shared_buffers', 'wal_compression', 'max_wal_size', 'checkpoint_timeout', 'full_page_writes', 'synchronous_commit', 'wal_level'];

async function main() {
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DB_NAME}`);
  });
  const started = performance.now();
  const url = new URL(`/${DB_NAME}`, serverUrl).toString();
  const db: Database = await openDatabase({ databaseUrl: url });
  const watch = watchBackends(serverUrl!, DB_NAME);
  let rssPeak = 0;
  const rssTimer = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 250);
  const out: Record<string, unknown> = { loadAverageAtStart: load() };
  out.server = await admin(async (c) => Object.fromEntries((await c.query<{ name: string; setting: string }>(
    'SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1) ORDER BY name', [WAL_SETTINGS])).rows.map((r) => [r.name, r.setting])));
  const steps: Record<string, Step & Record<string, unknown>> = {};
  let running: { name: string; t: number; c: NodeJS.CpuUsage; m: Map<number, number>; phases: PhaseTimes; wal: WalMark; gc: ReturnType<typeof gcMark> } | null = null;
  const elapsed = () => `+${Math.round((performance.now() - started) / 1000)} s`;
  const progress = (s: string, d: number, t: number) => console.log(`  ${elapsed()} ${s} ${d}/${t}`);
  async function step<T>(name: string, fn: (phases: PhaseTimes) => Promise<T>): Promise<T> {
    const wal = await walMark(); // before the clock starts: its connection is not the step's
    running = { name, t: performance.now(), c: process.cpuUsage(), m: watch.mark(), phases: {}, wal, gc: gcMark() };
    const r = await fn(running.phases);
    // Node hands garbage-collection entries to observers two event-loop turns later (Node 20, tried
    // with gc(): after one turn none had come): a collection at the very end of the step counts in it
    // (in session 25 a forced one showed in the next step).
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
    steps[name] = { ...figures(running), ...await walSince(running.wal) };
    running = null;
    console.log(`${elapsed()} ${name}: ${JSON.stringify(steps[name])}`);
    return r;
  }
  const figures = (r: NonNullable<typeof running>) => {
    const d = process.cpuUsage(r.c);
    return {
      wallMs: Math.round(performance.now() - r.t), nodeCpuMs: Math.round((d.user + d.system) / 1000), pgCpuMs: Math.round(watch.since(r.m)),
      nodeRssMb: Math.round(process.memoryUsage.rss() / 2 ** 20), loadAverage: load(), ...(Object.keys(r.phases).length ? { phasesMs: { ...r.phases } } : {}),
      gcPauses: gcSince(r.gc), heapUsedMb: Math.round(v8.getHeapStatistics().used_heap_size / 2 ** 20),
    };
  };
  let finished = false;
  const finish = async (stopped: string | null) => {
    if (finished) return;
    finished = true;
    if (stopped && running) {
      out.stopped = { why: stopped, step: running.name, ...figures(running), note: 'phasesMs: the phases that had ended when the run was stopped' };
      console.log(`${elapsed()} stopped (${stopped}) during ${running.name}: ${JSON.stringify(out.stopped)}`);
    }
    clearInterval(rssTimer);
    const res = process.resourceUsage();
    Object.assign(out, {
      when: new Date().toISOString(), host: { cpus: os.cpus().length, totalMemMb: Math.round(os.totalmem() / 2 ** 20) },
      targets: { fullRecomputeMs: 300_000, costOnlyRerankMs: 30_000 },
      steps, nodeRssPeakMb: Math.round(Math.max(rssPeak, res.maxRSS * 1024) / 2 ** 20), nodeHeapLimitMb: Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20), youngGenerationMb: EVALUATION_YOUNG_GENERATION_MB, ...watch.peaks(),
      loadAverageAtEnd: load(), databaseDropped: !o.keep,
      command: `DATABASE_URL=… nice -n 10 npx tsx scripts/bench/planning-scale.ts --facilities ${o.facilities} --heap ${o.heap}${o.reranks !== '1' ? ` --reranks ${o.reranks}` : ''}${o.remeasure ? ' --remeasure' : ''}${o.pages ? '' : ' --no-pages'}${o.floor ? ' --floor' : ''}${o.stopAfter ? ` --stop-after ${o.stopAfter}` : ''}`,
    });
    const all = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>) : {};
    all[String((out.data as { facilities?: number } | undefined)?.facilities ?? `${o.facilities} (not built)`)] = out;
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(all, null, 2)}\n`);
    // Stopped: the running statements end with the database (their connections report it; ignored).
    if (stopped) process.on('uncaughtException', (e) => (e as { code?: string }).code === '57P01' || console.error(e));
    await watch.stop().catch(() => {});
    if (!stopped) await db.close();
    if (!o.keep) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`));
    console.log(JSON.stringify(out, null, 2));
  };
  const stop = (why: string) => void finish(why).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
  process.once('SIGINT', () => stop('interrupted'));
  process.once('SIGTERM', () => stop('terminated'));
  if (o.stopAfter) setTimeout(() => stop(`--stop-after ${o.stopAfter} min`), Number(o.stopAfter) * 60_000).unref();

  try {
    await measureAll();
  } catch (e) {
    await finish(`failed: ${(e as Error).message}`);
    throw e;
  }
  await finish(null);

  /**
   * What a user waits for on the national list: the first page (100 rows by rank) and its count for
   * every filter the web app offers, and a keyset page 500,000 rows down. A page that walks an index
   * to find its few matches, rather than seeking them, shows here in seconds (session 22: technology
   * `keep`, 6 s, before migration 043).
   */
  async function timePages() {
    const fewest = async (column: 'admin1_id' | 'admin2_id') => (await db.query<{ id: string }>(
      `SELECT ${column} AS id FROM plan_result WHERE ${column} IS NOT NULL AND in_scope AND gap_class <> 'connected' GROUP BY 1 ORDER BY count(*), 1 LIMIT 1`))[0];
    const region = await fewest('admin1_id');
    const district = await fewest('admin2_id');
    const [deep] = await db.query<{ score: number | null; id: string }>(
      `SELECT score, facility_id AS id FROM plan_result WHERE in_scope AND gap_class <> 'connected' ORDER BY score DESC NULLS LAST, facility_id COLLATE "C" OFFSET 500000 LIMIT 1`);
    const cases: Array<[string, GapFilter, GapCursor | undefined]> = [
      ['default', {}, undefined],
      ...(region ? [[`region ${region.id} (the fewest gaps)`, { region: region.id }, undefined] as [string, GapFilter, undefined]] : []),
      ...(district ? [[`district ${district.id} (the fewest gaps)`, { region: district.id }, undefined] as [string, GapFilter, undefined]] : []),
      ['class unserved', { gapClass: 'unserved' }, undefined],
      ['class connected', { gapClass: 'connected' }, undefined],
      ['scope out', { scope: 'out' }, undefined],
      ['scope all', { scope: 'all' }, undefined],
      // As the web list asks (its scope: the planning universe).
      ...TECHNOLOGY_IDS.map((t): [string, GapFilter, undefined] => [`technology ${t}`, { technology: t }, undefined]),
      ['flag idle', { measuredFlag: 'idle' }, undefined],
      ['flag unreliable', { measuredFlag: 'unreliable' }, undefined],
      ['kind library', { kind: 'library' }, undefined],
      // A partner's API view of a map window (bbox), from a village to the whole country: small boxes
      // seek plan_result's GiST index, large ones walk the list's order index. Without plan_result_geom
      // (the box taken through facility.geom) a region-sized box took 9.3 s (session 24).
      ['bbox village (0.05 deg near Almaty)', { bbox: { minx: 76.9, miny: 43.2, maxx: 76.95, maxy: 43.25 } }, undefined],
      ['bbox district (1 x 0.6 deg)', { bbox: { minx: 76.5, miny: 43.0, maxx: 77.5, maxy: 43.6 } }, undefined],
      ['bbox region (4 x 3.5 deg)', { bbox: { minx: 68, miny: 40.5, maxx: 72, maxy: 44 } }, undefined],
      ['bbox country', { bbox: { minx: 46, miny: 40, maxx: 88, maxy: 56 } }, undefined],
      ['search "мектеп"', { q: 'мектеп' }, undefined],
      ['search with no match', { q: 'zzqx' }, undefined],
      ...(deep ? [['keyset after row 500,000', {}, { score: deep.score, id: deep.id }] as [string, GapFilter, GapCursor]] : []),
    ];
    if (!region || !deep) console.log(`${elapsed()} pages: ${!region ? 'no region with gaps; ' : ''}${!deep ? 'fewer than 500,001 gaps: no keyset case' : ''}`);
    const pages: Record<string, { pageMs: number[]; rows: number; countMs: number; total: number }> = {};
    for (const [name, f, cursor] of cases) {
      const pageMs: number[] = [];
      let rows = 0;
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        rows = (await listGaps(db, f, { sort: 'rank', limit: 100, offset: 0, cursor })).length;
        pageMs.push(Math.round((performance.now() - t) * 10) / 10);
      }
      const t = performance.now();
      const total = await countGaps(db, f);
      pages[name] = { pageMs, rows, countMs: Math.round(performance.now() - t), total };
      console.log(`${elapsed()} page ${name}: ${JSON.stringify(pages[name])}`);
    }
    return { note: 'listGaps sort=rank, limit 100, three runs each, then countGaps (the count a first uncached /api/gaps answer waits for)', loadAverage: load(), cases: pages };
  }

  /** Build, full recompute, cost-only re-rank (and the floor): each a step with its figures. */
  async function measureAll() {
    const built = await step('build', async () => {
      await migrate(db);
      await loadBundledData(db);
      const [{ n: bundled }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM facility')) as [{ n: number }];
      const copies = Math.max(1, Math.round(Number(o.facilities) / bundled));
      await runSql(db, datasetSql);
      await runSql(db, settlementsSql, { copies });
      await runSql(db, facilitiesSql, { copies });
      await db.exec('ANALYZE settlement; ANALYZE facility');
      const [n] = await db.query<{ facilities: number; settlements: number }>(
        'SELECT (SELECT count(*)::int FROM facility) AS facilities, (SELECT count(*)::int FROM settlement) AS settlements');
      return { bundledFacilities: bundled, copies, ...n! };
    });
    out.data = built;
    const base = parseParameters();
    const full = await step('fullRecompute', (phases) => recompute(db, base, { full: true, progress, phases }));
    steps.fullRecompute!.report = pick(full);
    // The planner's loop: each re-rank a new fibre price, the first right after the rewrite.
    for (let n = 1; n <= Number(o.reranks); n++) {
      const name = n === 1 ? 'costOnlyRerank' : `costOnlyRerank${n}`;
      const costOnly = await step(name, (phases) => recompute(db, parseParameters({ fibre: { perKmUsd: 9000 + 250 * (n - 1) } }), { progress, phases }));
      steps[name]!.report = pick(costOnly);
    }
    if (o.pages) out.pages = await timePages();
    if (o.remeasure) {
      const snap = parseParameters({ fibre: { perKmUsd: 9000 }, spatial: { ...base.spatial, roadSnapLimitM: 1500 } });
      const remeasure = await step('remeasure', (phases) => recompute(db, snap, { progress, phases }));
      steps.remeasure!.report = pick(remeasure);
    }
    if (o.floor) {
      const floor = await step('knnFloor', () => runSql(db, floorSql));
      steps.knnFloor!.result = floor[0];
    }
    const [{ bytes }] = (await db.query<{ bytes: number }>('SELECT pg_database_size(current_database())::float8 AS bytes')) as [{ bytes: number }];
    out.databaseMb = Math.round(bytes / 2 ** 20);
  }
}

const pick = (r: RecomputeReport) => ({ facilities: r.facilities, measured: r.measured, ranked: r.ranked, spatial: r.spatial, write: r.write, rowsChanged: r.rowsChanged, durationMs: r.durationMs });

await main();
