// What a large live heap costs a bulk write through node-postgres (issue 14: at 2.2 M facilities the
// plan write's main thread spent 250 of 485 s in the garbage collector). Every Bind message is built
// in Buffers that grow by half again (pg-protocol's Writer), so a write of N bytes allocates ≈ 3 N
// of ArrayBuffer memory outside the heap; each 64 MB of it makes V8 start a full marking, and a full
// marking visits every live object. With the inputs of 2.2 M facilities alive that is ≈ 7 GB per
// marking, so the write marks without pause. This sends the same slices (text and number arrays,
// as result-write.ts sends them) three ways, in the same run:
//   bare:   from the main thread, nothing else alive (the floor);
//   heap:   from the main thread, with --live-objects facility-like objects alive;
//   thread: with the same heap alive, in a transaction sent from a thread of its own
//           (db/server-thread.ts, as the plan write sends from 100,000 facilities on).
// Each variant ends with a full collection inside its time (garbage left for later is counted).
// Prints and writes bench/results/write-gc.json: wall and CPU per variant, major GCs and their pause.
//   DATABASE_URL=postgres://… npx tsx scripts/bench/write-gc.ts [--live-objects 12000000] [--rows 600000] [--runs 2]
import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { PerformanceObserver, constants as perf } from 'node:perf_hooks';
import v8 from 'node:v8';
import { Command } from 'commander';
import pg from 'pg';
import { arrayText } from '../../server/src/db/array-text.ts';
import { transactionOnThread } from '../../server/src/db/server-thread.ts';
import { serverUrl } from '../../tests/support/db.ts';

const o = new Command('bench-write-gc')
  .option('--live-objects <n>', 'facility-like objects kept alive for the heap and thread variants', '12000000')
  .option('--rows <n>', 'rows sent per variant and run (slices of 20,000)', '600000')
  .option('--runs <n>', 'runs of the heap and thread variants, alternated', '2')
  .parse()
  .opts<{ liveObjects: string; rows: string; runs: string }>();
if (!serverUrl) throw new Error('the write GC benchmark needs DATABASE_URL (PostgreSQL): the embedded backend already sends from its own thread');

const HEAP_MB = 12_288;
const gc = (globalThis as { gc?: () => void }).gc;
if (v8.getHeapStatistics().heap_size_limit / 2 ** 20 < HEAP_MB - 512 || !gc) {
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${HEAP_MB}`, '--expose-gc', ...process.argv.slice(1)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 1));
  await new Promise(() => {});
}

const RESULTS = 'bench/results/write-gc.json';
const SLICE = 20_000;
const ROWS = Number(o.rows);
const TEXT_COLUMNS = 10;
const NUMBER_COLUMNS = 10;
// The server parses every array, as the plan write's unnest does, and answers one row.
const SQL = `SELECT ${[...Array(TEXT_COLUMNS)].map((_, i) => `cardinality($${i + 1}::text[])`).join(' + ')}
  + ${[...Array(NUMBER_COLUMNS)].map((_, i) => `cardinality($${TEXT_COLUMNS + i + 1}::float8[])`).join(' + ')} AS n`;

/** One slice's parameters as array text (made on the main thread in every variant, as the plan write does). */
function slice(s: number): string[] {
  const from = s * SLICE;
  const texts = [...Array(TEXT_COLUMNS)].map((_, c) =>
    arrayText(Array.from({ length: SLICE }, (_, i) => `Фельдшерско-акушерский пункт с. Аксукент ${c} ${from + i}`))!);
  const numbers = [...Array(NUMBER_COLUMNS)].map((_, c) => arrayText(Array.from({ length: SLICE }, (_, i) => (from + i) * 1.37 + c / 7))!);
  return [...texts, ...numbers];
}

let majorGcs = 0;
let majorGcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if ((e as { detail?: { kind?: number } }).detail?.kind === perf.NODE_PERFORMANCE_GC_MAJOR) {
      majorGcs++;
      majorGcMs += e.duration;
    }
  }
}).observe({ entryTypes: ['gc'] });

async function onMain(): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    let running: Promise<unknown> | null = null;
    for (let s = 0; s < ROWS / SLICE; s++) {
      const params = slice(s); // made while the server parses the slice before, as result-write.ts's inTurn does
      await running;
      running = c.query(SQL, params);
    }
    await running;
  } finally {
    await c.end();
  }
}

/** The same slices, in one transaction sent from a thread of its own (what result-write.ts does at scale). */
async function onThread(): Promise<void> {
  await transactionOnThread(serverUrl!, async (tx) => {
    let running: Promise<unknown> | null = null;
    for (let s = 0; s < ROWS / SLICE; s++) {
      const params = slice(s);
      await running;
      running = tx.query(SQL, params);
    }
    await running;
  }, undefined, async () => {});
}

type Figures = { variant: string; run: number; wallMs: number; cpuMs: number; majorGcs: number; majorGcPauseMs: number; heapUsedMb: number };
const figures: Figures[] = [];
async function measure(variant: string, run: number, fn: () => Promise<void>): Promise<void> {
  gc!();
  await new Promise((r) => setTimeout(r, 200)); // the heap settled, the observer's entries in
  const [g, gm, t, c] = [majorGcs, majorGcMs, performance.now(), process.cpuUsage()];
  await fn();
  gc!(); // the garbage this variant left, collected in its time
  await new Promise((r) => setTimeout(r, 50)); // the observer's last entries
  const cpu = process.cpuUsage(c);
  const f = { variant, run, wallMs: Math.round(performance.now() - t), cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    majorGcs: majorGcs - g, majorGcPauseMs: Math.round(majorGcMs - gm), heapUsedMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20) };
  figures.push(f);
  console.log(JSON.stringify(f));
}

const started = new Date().toISOString();
const load = () => os.loadavg().map((x) => Number(x.toFixed(1)));
const loadAtStart = load();
await measure('bare', 1, onMain);
// Kept alive like the evaluation inputs: small objects with strings and doubles (≈ 200 B each).
const live = Array.from({ length: Number(o.liveObjects) }, (_, i) => ({ id: `f${i}`, name: `школа ${i % 5000}`, lon: 50 + i * 1e-7, lat: 43 + i * 2e-7, dist: { m: i * 0.5 }, year: 2027 }));
for (let run = 1; run <= Number(o.runs); run++) {
  // Alternated, each first in turn.
  const order: Array<[string, () => Promise<void>]> = [['heap', onMain], ['thread', onThread]];
  for (const [name, fn] of run % 2 ? order : order.reverse()) await measure(name, run, fn);
}
await measure('bare', 2, async () => {
  live.length = 0; // the floor again, the heap let go
  await onMain();
});

const best = (v: string) => Math.min(...figures.filter((f) => f.variant === v).map((f) => f.wallMs));
const summary = { heapOverBare: +(best('heap') / best('bare')).toFixed(2), threadOverBare: +(best('thread') / best('bare')).toFixed(2) };
console.log(JSON.stringify(summary));
const entry = { at: started, commit: execSync('git describe --always --dirty').toString().trim(), liveObjects: Number(o.liveObjects), rowsPerVariant: ROWS,
  loadAverage: [loadAtStart, load()], figures, summary,
  note: 'same run; bare is the floor (main thread, small heap); ratios of best wall times; majorGcPauseMs: atomic pauses only (incremental marking on the main thread shows in wallMs and cpuMs); cpuMs: the whole process (the thread and V8 helper threads included)' };
if (!existsSync('bench/results')) mkdirSync('bench/results', { recursive: true });
const all = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as unknown[]) : [];
writeFileSync(RESULTS, `${JSON.stringify([...all, entry], null, 2)}\n`);
