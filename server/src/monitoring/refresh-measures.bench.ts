// Benchmark: refreshSiteMeasures per site with 30 days of 60 s polls (43 200 per site), on the
// backend chosen by DATABASE_URL (embedded PGlite when unset). Compares the four-window read the
// refresh used to make (siteAvailability per window) with the refresh as it is (one read per site).
//   DATABASE_URL=postgres://… npx tsx server/src/monitoring/refresh-measures.bench.ts [sites=5]
import { mkdirSync, writeFileSync } from 'node:fs';
import { openTestDatabase } from '../../../tests/support/db.ts';
import { refreshSiteMeasures, siteAvailability } from './measures.ts';
import { importSites } from './sites.ts';
import { windowSpan } from './windows.ts';

const KEY = 'ab'.repeat(32);
const sites = Number(process.argv[2] ?? 5);
const db = await openTestDatabase();
await db.exec(`INSERT INTO dataset (id, layer, title, licence, provenance) VALUES ('b', 'facilities', 'bench', 'none', 'illustrative');
  INSERT INTO facility (id, kind, geom, dataset_id, provenance) VALUES ('f', 'school', ST_SetSRID(ST_MakePoint(70, 50), 4326), 'b', 'illustrative');`);
const ids = Array.from({ length: sites }, (_, i) => `b-${i}`);
await importSites(db, KEY, JSON.stringify(ids.map((id) => ({ id, facilityId: 'f', name: id, host: '127.0.0.1', snmp: { version: '2c', community: 'c' }, wan: { ifName: 'eth0' } }))), 'json');
const now = Math.floor(Date.now() / 60_000) * 60_000;
// 30 days of polls per site, every 97th one down, written in one statement per site.
for (const id of ids) {
  await db.query(
    `INSERT INTO poll_sample (sample_id, site_id, polled_at, outcome, if_oper_status, if_admin_status, in_bps, out_bps, rate_dt_s)
     SELECT $1 || ':' || k, $1, to_timestamp(($2::float8 - k * 60000.0) / 1000.0), CASE WHEN k % 97 = 0 THEN 'unreachable' ELSE 'up' END,
       1, 1, 1e6, 1e5, 60
     FROM generate_series(0, 43199) AS k`,
    [id, now],
  );
}
await db.query('ANALYZE poll_sample');

let t = performance.now();
for (const id of ids) {
  for (const w of ['24h', '7d', '30d', 'month'] as const) await siteAvailability(db, { id, intervalS: 60 }, windowSpan(w, now));
}
const fourReadsMs = (performance.now() - t) / sites;
t = performance.now();
await refreshSiteMeasures(db, now);
const refreshMs = (performance.now() - t) / sites;
await db.close();

const figures = {
  backend: db.backend, sites, pollsPerSite: 43_200,
  fourWindowReadsPerSiteMs: Math.round(fourReadsMs), refreshPerSiteMs: Math.round(refreshMs),
  node: process.versions.node, at: new Date().toISOString(),
};
console.log(figures);
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/refresh-measures-${db.backend}.json`, JSON.stringify(figures, null, 2) + '\n');
