// The ranked list under load (issue 14; npm run bench -- planning-api): on the bundled data, per
// backend, the same server answers the authenticated `/api/auth/me` (the floor: access control, a
// session lookup and a small JSON) and `/api/gaps?limit=100` (the top-100 page), at 50 and then 200
// concurrent clients, 10 s each (autocannon), in one run. Targets at 50 clients: gaps throughput
// ≥ 0.7× the floor's, p95 ≤ 2× the floor's. Writes bench/results/planning-api.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import autocannon from 'autocannon';
import { loadConfig } from '../../server/src/config.ts';
import { loadBundledData } from '../../server/src/data/bundled.ts';
import { createApp } from '../../server/src/http/app.ts';
import { createLogger } from '../../server/src/logger.ts';
import { parseParameters } from '../../server/src/planning/parameters.ts';
import { recompute } from '../../server/src/planning/recompute.ts';
import { bearerFor } from '../../tests/support/auth.ts';
import { openTestDatabase } from '../../tests/support/db.ts';

const RESULTS = 'bench/results/planning-api.json';
const DURATION_S = Number(process.env.BENCH_API_SECONDS ?? 10);
const config = loadConfig();
const load = () => os.loadavg().map((x) => Number(x.toFixed(1)));
const pct = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN);

async function hammer(url: string, connections: number, auth: string) {
  const times: number[] = [];
  let non2xx = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon({ url, connections, duration: DURATION_S, headers: { authorization: auth, 'accept-encoding': 'gzip' } }, (err, res) => (err ? reject(err) : resolve(res)));
    inst.on('response', (_c, status, _b, t) => {
      times.push(t);
      if (status < 200 || status >= 300) non2xx++;
    });
  });
  times.sort((a, b) => a - b);
  return { requests: times.length, non2xx, rps: Math.round(result.requests.average), p50: Math.round(pct(times, 0.5)), p95: Math.round(pct(times, 0.95)), p99: Math.round(pct(times, 0.99)) };
}

async function onBackend(backend: 'postgres' | 'embedded') {
  const db = await openTestDatabase({ backend });
  const app = createApp({ db, config, logger: createLogger('silent'), versions: {} });
  const server = app.listen(0, '127.0.0.1');
  try {
    await loadBundledData(db);
    await recompute(db, parseParameters(), { full: true });
    if (!server.listening) await new Promise((ok) => server.once('listening', ok));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const auth = await bearerFor(db, 'planner');
    const out: Record<string, unknown> = { backend, loadAverageAtStart: load() };
    for (const c of [50, 200]) {
      const floor = await hammer(`${base}/api/auth/me`, c, auth);
      const gaps = await hammer(`${base}/api/gaps?limit=100`, c, auth);
      out[`at${c}`] = {
        floor, gaps, loadAverage: load(),
        throughputRatio: Number((gaps.rps / Math.max(1, floor.rps)).toFixed(2)),
        p95Ratio: Number((gaps.p95 / Math.max(1, floor.p95)).toFixed(2)),
      };
    }
    return out;
  } finally {
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
    await db.close();
  }
}

const result: Record<string, unknown> = { when: new Date().toISOString(), host: { cpus: os.cpus().length }, durationS: DURATION_S, targets: { at50: { throughputRatio: '≥ 0.7', p95Ratio: '≤ 2' } } };
const skip = process.argv.includes('--skip') ? new Set(process.argv[process.argv.indexOf('--skip') + 1]!.split(',')) : new Set<string>();
if (config.databaseUrl && !skip.has('postgres')) result.postgres = await onBackend('postgres');
if (!skip.has('embedded')) result.embedded = await onBackend('embedded');
if (existsSync(RESULTS)) {
  const previous = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
  for (const k of ['postgres', 'embedded']) if (result[k] === undefined && previous[k] !== undefined) result[k] = { ...(previous[k] as object), measuredAt: previous.when };
}
mkdirSync('bench/results', { recursive: true });
writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
for (const b of ['postgres', 'embedded']) {
  const r = result[b] as Record<string, { floor: { rps: number; p95: number }; gaps: { rps: number; p95: number; non2xx: number }; throughputRatio: number; p95Ratio: number; loadAverage: number[] }> | undefined;
  if (!r) continue;
  for (const c of ['at50', 'at200']) {
    const x = r[c];
    if (!x) continue;
    console.log(`${b} ${c}: /api/auth/me ${x.floor.rps} req/s p95 ${x.floor.p95} ms; /api/gaps top-100 ${x.gaps.rps} req/s p95 ${x.gaps.p95} ms (non-2xx ${x.gaps.non2xx}); ratios ${x.throughputRatio}× / ${x.p95Ratio}× (load ${x.loadAverage.join(' ')})`);
  }
}
console.log(`wrote ${RESULTS}`);
