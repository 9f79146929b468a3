// Gap engine benchmark (npm run bench -- planning): on the bundled Kazakhstan data, per backend,
//  - full recompute (measures + costs + ranks), best of two; its stages;
//  - a bare indexed nearest-neighbour pass over the same facilities (KNN to the nearest PoP): the ratio;
//  - incremental runs: nothing changed, a cost-only parameter changed;
//  - API: top-100 page of /api/gaps under 50 concurrent clients (autocannon, 10 s): p50/p95/p99.
// Then, on the PostgreSQL server, a seeded synthetic scale-up (--scale facilities, default 200000,
// routes at the ratio 1 km per 2.2 facilities) with a linear extrapolation to 2.2 M / 1 M km.
// Writes bench/results/planning.json and prints a table. Needs DATABASE_URL for the server figures.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { loadConfig } from '../../server/src/config.ts';
import { loadBundledData } from '../../server/src/data/bundled.ts';
import type { Database } from '../../server/src/db/database.ts';
import { createApp } from '../../server/src/http/app.ts';
import { createLogger } from '../../server/src/logger.ts';
import { parseParameters, type Parameters } from '../../server/src/planning/parameters.ts';
import { recompute, type RecomputeReport } from '../../server/src/planning/recompute.ts';
import { bearerFor } from '../../tests/support/auth.ts';
import { openTestDatabase } from '../../tests/support/db.ts';
import { generateSynthetic } from '../synthetic-scale.ts';

const args = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const SCALE = Number(arg('scale', '200000'));
const RESULTS = 'bench/results/planning.json';
const SKIP = new Set(arg('skip', '').split(',').filter(Boolean)); // embedded, postgres, api, synthetic
const config = loadConfig();
const params = parseParameters();
const ms = (t: number) => Math.round(t);

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await fn();
  return [out, performance.now() - t];
}

async function recomputeWithStages(db: Database, p: Parameters, full: boolean) {
  const stages: Record<string, number> = {};
  let last = performance.now();
  let stage = 'start';
  const [report, total] = await timed(() =>
    recompute(db, p, {
      full,
      progress: (s) => {
        if (s === stage) return;
        const now = performance.now();
        stages[stage] = ms(now - last);
        stage = s;
        last = now;
      },
    }),
  );
  stages[stage] = ms(performance.now() - last);
  return { report, ms: ms(total), stages };
}

/** Bare indexed KNN over the facilities: to the nearest PoP only, and to the nearest PoP and route piece. */
async function barePass(db: Database, withRoutes: boolean): Promise<number> {
  const route = withRoutes
    ? `CROSS JOIN LATERAL (SELECT r.id FROM plan_route_piece r ORDER BY r.geog <-> f.geom::geography LIMIT 1) y`
    : '';
  const [, t] = await timed(() =>
    db.query(`SELECT count(x.id) FROM facility f
      CROSS JOIN LATERAL (SELECT p.id FROM fibre_pop p ORDER BY p.geom::geography <-> f.geom::geography LIMIT 1) x ${route}`),
  );
  return ms(t);
}

function percentile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;
}

async function apiBench(db: Database) {
  const app = createApp({ db, config, logger: createLogger('silent'), versions: {} });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((ok) => server.once('listening', ok));
  const port = (server.address() as AddressInfo).port;
  const auth = await bearerFor(db, 'planner');
  const times: number[] = [];
  let non2xx = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `http://127.0.0.1:${port}/api/gaps?limit=100`, connections: 50, duration: 10, headers: { authorization: auth } },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_c, status, _b, t) => {
      times.push(t);
      if (status !== 200) non2xx++;
    });
  });
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    non2xx,
    rps: Math.round(result.requests.average),
    p50: Math.round(percentile(times, 0.5)),
    p95: Math.round(percentile(times, 0.95)),
    p99: Math.round(percentile(times, 0.99)),
  };
}

async function onBackend(backend: 'embedded' | 'postgres') {
  const db = await openTestDatabase({ backend });
  try {
    const [loaded, loadMs] = await timed(() => loadBundledData(db));
    const counts = Object.fromEntries(loaded.layers.map((l) => [l.layer, l.rows]));
    const first = await recomputeWithStages(db, params, true);
    const second = await recomputeWithStages(db, params, true);
    const best = first.ms <= second.ms ? first : second;
    const bare = Math.min(await barePass(db, false), await barePass(db, false));
    const bare2 = Math.min(await barePass(db, true), await barePass(db, true));
    const unchanged = await recomputeWithStages(db, params, false);
    const costOnly = await recomputeWithStages(db, parseParameters({ fibre: { perKmUsd: 9000 } }), false);
    const api = SKIP.has('api') ? null : await apiBench(db);
    return {
      backend,
      bundledLoadMs: ms(loadMs),
      inputs: counts,
      facilities: best.report.facilities,
      fullRecomputeMs: best.ms,
      fullRecomputeRunsMs: [first.ms, second.ms],
      stagesMs: best.stages,
      bareNearestNeighbourMs: bare,
      ratioToBareKnn: Number((best.ms / Math.max(1, bare)).toFixed(2)),
      bareKnnPopAndRouteMs: bare2,
      ratioToBareKnnPopAndRoute: Number((best.ms / Math.max(1, bare2)).toFixed(2)),
      unchangedMs: unchanged.ms,
      costOnlyMs: costOnly.ms,
      costOnlyReport: pick(costOnly.report),
      api,
    };
  } finally {
    await db.close();
  }
}

const pick = (r: RecomputeReport) => ({ spatial: r.spatial, costs: r.costs, measured: r.measured, ranked: r.ranked, orphans: r.orphans });

async function synthetic(facilities: number) {
  const routeKm = Math.round(facilities / 2.2);
  const db = await openTestDatabase({ backend: 'postgres' });
  try {
    const [gen, genMs] = await timed(() => generateSynthetic(db, { facilities, routeKm, seed: 7 }));
    const run = await recomputeWithStages(db, params, true);
    const factor = 2_200_000 / facilities;
    return {
      facilities, routeKm, generated: gen, generateMs: ms(genMs),
      fullRecomputeMs: run.ms, stagesMs: run.stages,
      extrapolatedTo2_2MMs: ms(run.ms * factor),
      extrapolation: `linear in facilities (×${factor.toFixed(1)}); KNN per facility is O(log n), so this is an upper-ish estimate, not a measurement`,
    };
  } finally {
    await db.close();
  }
}

const out: Record<string, unknown> = { when: new Date().toISOString(), host: { cpus: os.cpus().length, loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(1))) }, targets: { postgresFullMs: 2000, embeddedFullMs: 10000, ratioToBareKnn: 3, synthetic2_2MMs: 300000, apiP95Ms: 'not set by the issue' } };
if (config.databaseUrl && !SKIP.has('postgres')) out.postgres = await onBackend('postgres');
if (!SKIP.has('embedded')) out.embedded = await onBackend('embedded');
if (config.databaseUrl && !SKIP.has('synthetic')) out.synthetic = await synthetic(SCALE);

out.loadAverageAtEnd = os.loadavg().map((x) => Number(x.toFixed(1)));
// A part skipped this time keeps its figures from the previous run (marked with their own date).
if (existsSync(RESULTS)) {
  const previous = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
  for (const k of ['postgres', 'embedded', 'synthetic']) {
    if (out[k] === undefined && previous[k] !== undefined) out[k] = { ...(previous[k] as object), measuredAt: previous.when };
  }
}
mkdirSync('bench/results', { recursive: true });
writeFileSync(RESULTS, `${JSON.stringify(out, null, 2)}\n`);
const rows: Array<[string, string, string]> = [];
for (const b of ['postgres', 'embedded'] as const) {
  const r = out[b] as Awaited<ReturnType<typeof onBackend>> | undefined;
  if (!r) continue;
  rows.push([`${b}: full recompute (${r.facilities} facilities)`, `${r.fullRecomputeMs} ms`, b === 'postgres' ? '< 2000 ms' : '< 10000 ms']);
  rows.push([`${b}: bare KNN pass`, `${r.bareNearestNeighbourMs} ms`, '']);
  rows.push([`${b}: ratio full / bare KNN`, `${r.ratioToBareKnn}×`, '≤ 3×']);
  rows.push([`${b}: bare KNN PoP+route; ratio`, `${r.bareKnnPopAndRouteMs} ms; ${r.ratioToBareKnnPopAndRoute}×`, '']);
  rows.push([`${b}: nothing changed / cost-only`, `${r.unchangedMs} / ${r.costOnlyMs} ms`, '']);
  if (r.api) rows.push([`${b}: API top-100 p50/p95/p99 @50`, `${r.api.p50}/${r.api.p95}/${r.api.p99} ms (${r.api.rps} req/s)`, '']);
}
const s = out.synthetic as Awaited<ReturnType<typeof synthetic>> | undefined;
if (s) {
  rows.push([`synthetic ${s.facilities} fac / ${s.routeKm} km: full recompute`, `${s.fullRecomputeMs} ms`, '']);
  rows.push(['synthetic 2.2 M / 1 M km (EXTRAPOLATED)', `${s.extrapolatedTo2_2MMs} ms`, '< 300000 ms']);
}
const w = Math.max(...rows.map((r) => r[0].length));
for (const [a, b, c] of rows) console.log(`${a.padEnd(w)}  ${b.padEnd(34)}  ${c}`);
console.log('wrote bench/results/planning.json');
