// Full recompute against the exact KNN floor (issue 14: ≤ 1.5×), on the bundled data, per backend
// (PostgreSQL when DATABASE_URL is set, then embedded), in the same run: one rebuild (`full`: every
// facility re-measured, plan_result truncated and written anew), then two full recomputes that a
// spatial parameter forces (the road snap limit alternates 1,500 / 1,000 m: every facility is
// re-measured and about 12,300 of 19,182 results really change, so the write, which sends only the
// rows that differ, has work to do; `rowsChanged` is printed), and two runs of knn-floor.sql (nearest
// PoP and built route by `<->` with the spheroid distance, coverage and settlement tests); the best
// of each; wall time per phase (RecomputeReport.phasesMs), CPU time of this process and (PostgreSQL)
// of the database's backends, and the load average.
//   DATABASE_URL=postgres://… npx tsx scripts/bench/planning-full.ts   → bench/results/planning-full.json
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { loadBundledData } from '../../server/src/data/bundled.ts';
import { loadSql, runSql } from '../../server/src/db/sql.ts';
import { parseParameters } from '../../server/src/planning/parameters.ts';
import { recompute } from '../../server/src/planning/recompute.ts';
import { openTestDatabase, serverUrl } from '../../tests/support/db.ts';
import { watchBackends } from './_backend-watch.ts';

const RESULTS = 'bench/results/planning-full.json';
const floorSql = loadSql(import.meta.url, './knn-floor.sql');
const load = () => os.loadavg().map((x) => Number(x.toFixed(1)));

async function onBackend(backend: 'postgres' | 'embedded') {
  const db = await openTestDatabase({ backend });
  const watch = db.url ? watchBackends(serverUrl!, new URL(db.url).pathname.slice(1)) : null;
  try {
    await loadBundledData(db);
    const runs: Array<{ what: string; wallMs: number; nodeCpuMs: number; pgCpuMs: number | null; loadAverage: number[]; phasesMs?: Record<string, number>; write?: string; rowsChanged?: number }> = [];
    const timed = async (what: string, fn: () => Promise<{ phasesMs: Record<string, number>; write: string; rowsChanged: number } | undefined>) => {
      const m = watch?.mark();
      const c = process.cpuUsage();
      const t = performance.now();
      const report = await fn();
      const wallMs = Math.round(performance.now() - t);
      const d = process.cpuUsage(c);
      await new Promise((r) => setTimeout(r, 600)); // one more /proc sample of the backends
      runs.push({ what, wallMs, nodeCpuMs: Math.round((d.user + d.system) / 1000), pgCpuMs: m && watch ? Math.round(watch.since(m)) : null, loadAverage: load(), ...(report ? { phasesMs: report.phasesMs, write: report.write, rowsChanged: report.rowsChanged } : {}) });
      console.log(`${backend} ${what}: ${JSON.stringify(runs.at(-1))}`);
    };
    const p = parseParameters();
    await timed('rebuild', () => recompute(db, p, { full: true }));
    for (let i = 0; i < 2; i++) {
      const snap = parseParameters({ spatial: { ...p.spatial, roadSnapLimitM: i % 2 ? p.spatial.roadSnapLimitM : 1500 } });
      await timed('full', () => recompute(db, snap));
      await timed('floor', async () => { await runSql(db, floorSql); return undefined; });
    }
    const best = (w: string) => runs.filter((r) => r.what === w).sort((a, b) => a.wallMs - b.wallMs)[0]!;
    const full = best('full'), floor = best('floor'), rebuild = best('rebuild');
    return {
      backend, runs, fullMs: full.wallMs, floorMs: floor.wallMs, ratio: Number((full.wallMs / floor.wallMs).toFixed(2)),
      rebuildMs: rebuild.wallMs, rebuildRatio: Number((rebuild.wallMs / floor.wallMs).toFixed(2)),
      cpuRatio: full.pgCpuMs !== null && floor.pgCpuMs !== null ? Number(((full.nodeCpuMs + full.pgCpuMs) / (floor.nodeCpuMs + floor.pgCpuMs)).toFixed(2)) : null,
    };
  } finally {
    await watch?.stop();
    await db.close();
  }
}

const result: Record<string, unknown> = { when: new Date().toISOString(), host: { cpus: os.cpus().length }, loadAverageAtStart: load(), target: 'full ≤ 1.5 × floor' };
if (serverUrl) result.postgres = await onBackend('postgres');
result.embedded = await onBackend('embedded');
result.loadAverageAtEnd = load();
mkdirSync('bench/results', { recursive: true });
writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
for (const b of ['postgres', 'embedded']) {
  const r = result[b] as { fullMs: number; floorMs: number; ratio: number; cpuRatio: number | null; rebuildMs: number; rebuildRatio: number } | undefined;
  if (r) console.log(`${b}: full ${r.fullMs} ms / floor ${r.floorMs} ms = ${r.ratio}× wall${r.cpuRatio ? `, ${r.cpuRatio}× CPU (Node + backends)` : ''}; rebuild ${r.rebuildMs} ms = ${r.rebuildRatio}×`);
}
