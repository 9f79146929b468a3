// Benchmark: one refreshSiteMeasures pass over many sites in steady state — 30 days of history in
// the daily and hourly rollups (history.ts keeps them), the last 3 hours as raw 60 s polls — on the
// backend chosen by DATABASE_URL (embedded PGlite when unset). Issue 12's target: measures of
// 10 k sites stay within one interval (60 s). Before the rollups, a pass read each site's 30 days
// of raw polls: 344 → 109 ms per site on PostgreSQL 15 (1,060 → 421 ms on PGlite).
//   DATABASE_URL=postgres://… npx tsx server/src/monitoring/refresh-measures.bench.ts [sites=1000]
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { openTestDatabase } from '../../../tests/support/db.ts';
import { refreshSiteMeasures } from './measures.ts';
import { importSites } from './sites.ts';

const KEY = 'ab'.repeat(32);
const sites = Number(process.argv[2] ?? 1000);
const db = await openTestDatabase();
await db.exec(`INSERT INTO dataset (id, layer, title, licence, provenance) VALUES ('b', 'facilities', 'bench', 'none', 'illustrative');
  INSERT INTO facility (id, kind, geom, dataset_id, provenance) VALUES ('f', 'school', ST_SetSRID(ST_MakePoint(70, 50), 4326), 'b', 'illustrative');`);
const ids = Array.from({ length: sites }, (_, i) => `b-${i}`);
for (let i = 0; i < ids.length; i += 1000) {
  await importSites(db, KEY, JSON.stringify(ids.slice(i, i + 1000).map((id) => ({ id, facilityId: 'f', name: id, host: '127.0.0.1', snmp: { version: '2c', community: 'c' }, wan: { ifName: 'eth0' } }))), 'json');
}
const H = 3_600_000;
const now = Math.floor(Date.now() / 60_000) * 60_000;
const doneUntil = Math.floor((now - H) / H) * H;
// Steady state: daily rollups for 31 days, hourly for the last 2 days, raw polls since 3 h ago.
await db.query(
  `INSERT INTO site_rollup_day (site_id, day, observed_s, up_s, maintenance_s, rated_s, in_bytes, out_bytes, samples)
   SELECT s, d, 86000, 85500, 0, 86000, 1e10, 1e9, 1440
   FROM unnest($1::text[]) AS s, generate_series(to_timestamp($2 / 1000.0) - interval '32 days', to_timestamp($2 / 1000.0), interval '1 day') AS d`,
  [ids, Math.floor((doneUntil + 5 * H) / 86_400_000) * 86_400_000 - 5 * H]);
await db.query(
  `INSERT INTO site_rollup_hour (site_id, hour, observed_s, up_s, maintenance_s, rated_s, in_bytes, out_bytes, samples)
   SELECT s, h, 3600, 3580, 0, 3600, 4e8, 4e7, 60
   FROM unnest($1::text[]) AS s, generate_series(to_timestamp($2 / 1000.0) - interval '48 hours', to_timestamp($2 / 1000.0) - interval '1 hour', interval '1 hour') AS h`,
  [ids, doneUntil]);
await db.query(
  `INSERT INTO poll_sample (sample_id, site_id, polled_at, outcome, if_oper_status, if_admin_status, in_bps, out_bps, rate_dt_s)
   SELECT s || ':' || k, s, to_timestamp(($2::float8 - k * 60000.0) / 1000.0), CASE WHEN k % 97 = 0 THEN 'unreachable' ELSE 'up' END,
     1, 1, 1e6, 1e5, 60
   FROM unnest($1::text[]) AS s, generate_series(0, 179) AS k`,
  [ids, now]);
await db.query('UPDATE rollup_progress SET done_until = to_timestamp($1 / 1000.0)', [doneUntil]);
await db.query('ANALYZE');

const cpu0 = process.cpuUsage();
const t = performance.now();
await refreshSiteMeasures(db, now);
const passMs = performance.now() - t;
const cpu = process.cpuUsage(cpu0);
const [m] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM site_measure WHERE availability_30d IS NOT NULL');
await db.close();

const figures = {
  backend: db.backend, sites, measured: m!.n, passMs: Math.round(passMs), perSiteMs: Math.round((passMs / sites) * 100) / 100,
  clientCpuS: Math.round(((cpu.user + cpu.system) / 1e6) * 10) / 10, loadavg1: loadavg()[0], node: process.versions.node, at: new Date().toISOString(),
};
console.log(figures);
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/refresh-measures-${db.backend}.json`, JSON.stringify(figures, null, 2) + '\n');
