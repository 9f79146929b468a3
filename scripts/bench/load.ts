// Issue 11 load test: a real server (bundled Kazakhstan data) under 200 clients × 30 s × 3 rounds
// on ten read endpoints, then anonymous /api/health every 100 ms idle and during a full recompute
// (a job). Pass/fail as the issue states it: zero time-outs, throughput not falling from round to
// round, health p99 during the recompute ≤ 5 × its idle p99. One backend per run (it saturates the
// machine); the figures are merged into bench/results/load.json with the load average.
//   node --import tsx scripts/bench/load.ts --backend embedded
//   DATABASE_URL=postgres://baylanys:baylanys@127.0.0.1:5432/baylanys node --import tsx scripts/bench/load.ts --backend postgres
// Options: --connections 200 --duration 30 --rounds 3 --timeout 10 (seconds a client waits).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { ownCpuS } from './_proc.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'bench/results/load.json');
const { values: o } = parseArgs({
  options: {
    backend: { type: 'string', default: 'embedded' },
    connections: { type: 'string', default: '200' },
    duration: { type: 'string', default: '30' },
    rounds: { type: 'string', default: '3' },
    timeout: { type: 'string', default: '10' },
  },
});
const backend = o.backend === 'postgres' ? 'postgres' : 'embedded';
// Benchmarks are scripts: they read their environment directly (style habit 11 is for the server).
const baseUrl = process.env.DATABASE_URL;
if (backend === 'postgres' && !baseUrl) throw new Error('--backend postgres needs DATABASE_URL');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () => loadavg().map((x) => +x.toFixed(2));
// CPU seconds the server process used (all its threads: HTTP, the embedded database, jobs), from
// /proc: a figure that a busy shared machine disturbs less than wall-clock rates.
const cpuS = (pid: number | undefined) => (pid === undefined ? NaN : ownCpuS(pid) ?? NaN);

// A fresh server on a fresh database, loading the bundled data as a first start does.
const port = 18_000 + Math.floor(Math.random() * 2000);
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'baylanys-load-'));
let dbName: string | undefined;
let databaseUrl: string | undefined;
if (backend === 'postgres') {
  dbName = `baylanys_load_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: baseUrl });
  await c.connect();
  await c.query(`CREATE DATABASE ${dbName}`);
  await c.end();
  const u = new URL(baseUrl!);
  u.pathname = `/${dbName}`;
  databaseUrl = u.toString();
}
const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl ?? '' };
let server: ChildProcess | undefined;
async function cleanup() {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  if (dbName) {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await c.end();
  }
  rmSync(dataDir, { recursive: true, force: true });
}

try {
  const startT = Date.now();
  server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}) before answering`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await sleep(1000);
  }
  const startupS = Math.round((Date.now() - startT) / 1000);
  console.log(`server up on ${backend} in ${startupS} s (bundled data loaded, plan computed)`);

  // An administrator (the CLI talks to the running server on the embedded backend).
  const email = `load-${randomBytes(3).toString('hex')}@bench.baylanys`;
  const created = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/admin.ts', 'create', '--email', email], { cwd: root, env, encoding: 'utf8' });
  const password = /password \(shown once\): (\S+)/.exec(created.stdout + created.stderr)?.[1];
  if (!password) throw new Error(`admin create failed: ${created.stdout}${created.stderr}`);
  const signIn = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', Origin: base }, body: JSON.stringify({ email, password }),
  });
  if (!signIn.ok) throw new Error(`sign-in answered ${signIn.status}`);
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const get = async <T>(p: string) => (await (await fetch(`${base}${p}`, { headers: { cookie } })).json()) as T;
  const facility = (await get<{ items: Array<{ facilityId: string }> }>('/api/gaps?limit=1')).items[0]?.facilityId;
  if (!facility) throw new Error('no ranked facility: did the plan compute?');

  // Ten read endpoints a working day mixes: the map, the ranking, one facility, plans, monitoring.
  // (Exports and sensitivity are rate-limited per caller by design; they are not read endpoints.)
  const ENDPOINTS = [
    '/api/health',
    '/api/layers',
    '/api/gaps?limit=50',
    `/api/gaps/${encodeURIComponent(facility)}`,
    '/api/regions?level=admin1',
    '/ogc/collections',
    '/api/scenarios',
    '/api/sites',
    '/tiles/facilities/5/21/11.pbf',
    '/ogc/collections/facilities/items?limit=50',
  ];
  // Each endpoint alone, one client, five times (median ms): where the time goes under load.
  const solo: Record<string, number> = {};
  for (const p of ENDPOINTS) {
    const ms: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = await fetch(`${base}${p}`, { headers: { cookie } });
      if (!r.ok) throw new Error(`${p} answered ${r.status} before the test`);
      await r.arrayBuffer();
      ms.push(performance.now() - t);
    }
    solo[p.replace(facility, ':facilityId')] = +ms.sort((a, b) => a - b)[2]!.toFixed(1);
  }
  console.log(JSON.stringify({ soloMedianMs: solo }));

  type Round = {
    round: number; requests: number; reqPerS: number; timeouts: number; errors: number; non2xx: number;
    latencyMs: { p50: number; p99: number; max: number }; loadAvgBefore: number[]; loadAvgAfter: number[];
    serverCpuS: number; byEndpoint: Record<string, { n: number; p50: number; p99: number; max: number; timeouts: number; non2xx: number }>;
  };
  // Which endpoint a response or a time-out belongs to: each autocannon client sends one request
  // at a time and names it just after its 'request' event (the microtask runs once it is written).
  type Client = { on(e: string, f: (...a: any[]) => void): void; requestIterator: { currentRequest?: { path?: string } } };
  const perEndpoint = () => {
    const seen = new Map<string, { ms: number[]; timeouts: number; non2xx: number }>();
    const of = (p: string) => seen.get(p) ?? seen.set(p, { ms: [], timeouts: 0, non2xx: 0 }).get(p)!;
    const setupClient = (client: Client) => {
      let sent = '?';
      client.on('request', () => queueMicrotask(() => (sent = (client.requestIterator.currentRequest?.path ?? '?').replace(facility, ':facilityId'))));
      client.on('response', (status: number, _bytes: number, ms: number) => {
        const e = of(sent);
        e.ms.push(ms);
        if (status >= 300) e.non2xx++;
      });
      client.on('timeout', () => void of(sent).timeouts++);
    };
    const summary = () => Object.fromEntries([...seen].map(([p, e]) => {
      const ms = e.ms.sort((a, b) => a - b);
      const at = (q: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0);
      return [p, { n: ms.length, p50: at(0.5), p99: at(0.99), max: Math.round(ms.at(-1) ?? 0), timeouts: e.timeouts, non2xx: e.non2xx }];
    }));
    return { setupClient, summary };
  };
  const rounds: Round[] = [];
  for (let i = 1; i <= Number(o.rounds); i++) {
    const before = load();
    const cpuBefore = cpuS(server.pid);
    const tally = perEndpoint();
    const r = await autocannon({
      url: base, connections: Number(o.connections), duration: Number(o.duration), timeout: Number(o.timeout),
      headers: { cookie }, requests: ENDPOINTS.map((p) => ({ method: 'GET', path: p })), setupClient: tally.setupClient as never,
    });
    const round: Round = {
      round: i, requests: r.requests.total, reqPerS: +r.requests.average.toFixed(1), timeouts: r.timeouts, errors: r.errors,
      non2xx: r.non2xx, latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max }, loadAvgBefore: before, loadAvgAfter: load(),
      serverCpuS: +(cpuS(server.pid) - cpuBefore).toFixed(1), byEndpoint: tally.summary(),
    };
    console.log(JSON.stringify(round));
    rounds.push(round);
  }

  // Health idle, then during a full recompute (a job; the probe runs until the job has ended).
  const probe = async () => {
    const t = performance.now();
    await (await fetch(`${base}/api/health`)).text();
    return performance.now() - t;
  };
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
  const summary = (xs: number[]) => ({ n: xs.length, p50: +pct(xs, 50).toFixed(1), p99: +pct(xs, 99).toFixed(1), max: +Math.max(...xs).toFixed(1) });
  await sleep(5000); // let the machine settle after the rounds
  const idle: number[] = [];
  for (let i = 0; i < 100; i++) {
    idle.push(await probe());
    await sleep(100);
  }
  const t0 = performance.now();
  const loadBeforeRecompute = load();
  const started = await fetch(`${base}/api/plan/recompute`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie, Origin: base }, body: JSON.stringify({ full: true }),
  });
  if (started.status !== 202) throw new Error(`recompute answered ${started.status}`);
  const jobUrl = `${base}${started.headers.get('location')}`;
  let state = 'queued';
  const busy: number[] = [];
  for (let polls = 1; state === 'queued' || state === 'running'; polls++) {
    busy.push(await probe());
    await sleep(100);
    if (polls % 10 === 0) state = (await (await fetch(jobUrl, { headers: { cookie } })).json() as { job: { state: string } }).job.state;
  }
  const health = {
    recompute: { state, ms: Math.round(performance.now() - t0) }, idle: summary(idle), duringRecompute: summary(busy),
    loadAvgBefore: loadBeforeRecompute, loadAvgAfter: load(),
  };
  const ratio = +(health.duringRecompute.p99 / health.idle.p99).toFixed(1);
  const verdict = {
    zeroTimeouts: rounds.every((r) => r.timeouts === 0),
    throughputHolds: rounds.every((r, i) => i === 0 || r.reqPerS >= rounds[i - 1]!.reqPerS * 0.95),
    healthP99Ratio: ratio,
    healthWithin5x: ratio <= 5,
  };
  console.log(JSON.stringify({ health, verdict }, null, 1));

  const all = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
  all[backend] = {
    measuredAt: new Date().toISOString(), cores: (await import('node:os')).cpus().length, startupS,
    options: { connections: Number(o.connections), durationS: Number(o.duration), rounds: Number(o.rounds), clientTimeoutS: Number(o.timeout) },
    endpoints: ENDPOINTS.map((p) => p.replace(facility, ':facilityId')), soloMedianMs: solo, rounds, health, verdict,
  };
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(all, null, 1)}\n`);
  console.log(`written ${path.relative(root, out)}`);
} finally {
  await cleanup();
}
