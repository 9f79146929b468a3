// Benchmark: recordSamples throughput and availability over 30 days, on the backend chosen by
// DATABASE_URL (embedded PGlite when unset). Prints figures and writes bench/results/monitoring-<backend>.json.
// Besides wall time it counts CPU time — this process (and PGlite's worker thread) plus, on
// PostgreSQL, the bench database's backends from /proc — which a shared, loaded machine disturbs less.
//   npx tsx server/src/monitoring/record-samples.bench.ts [sites=300] [rounds=10] [no-month]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { openTestDatabase } from '../../../tests/support/db.ts';
import { siteAvailability } from './measures.ts';
import type { PollSample } from './poll-sample.ts';
import { importSites } from './sites.ts';
import { recordSamples } from './store.ts';

const KEY = 'ab'.repeat(32);
const sites = Number(process.argv[2] ?? 300);
const rounds = Number(process.argv[3] ?? 10);
const db = await openTestDatabase();
await db.exec(`INSERT INTO dataset (id, layer, title, licence, provenance) VALUES ('b', 'facilities', 'bench', 'none', 'illustrative');
  INSERT INTO facility (id, kind, geom, dataset_id, provenance) VALUES ('f', 'school', ST_SetSRID(ST_MakePoint(70, 50), 4326), 'b', 'illustrative');`);
const ids = Array.from({ length: sites }, (_, i) => `b-${i}`);
let t = performance.now();
await importSites(db, KEY, JSON.stringify(ids.map((id) => ({ id, facilityId: 'f', name: id, host: '127.0.0.1', snmp: { version: '2c', community: 'c' }, wan: { ifName: 'eth0' } }))), 'json');
const importMs = performance.now() - t;

const T0 = Date.UTC(2026, 0, 1);
const poll = (id: string, k: number, outcome: PollSample['outcome'] = 'up'): PollSample => ({
  sampleId: `${id}:${k}`, siteId: id, polledAt: T0 + k * 60_000, outcome, rttMs: 20, sysUpTime: 100_000 + k * 6_000, engineBoots: null,
  ifIndex: 2, ifOperStatus: outcome === 'up' ? 1 : 2, ifAdminStatus: 1, inOctets: BigInt(k) * 750_000n, outOctets: BigInt(k) * 75_000n,
  counterBits: 64, ifSpeedMbps: 100, discontinuityTime: null, error: null,
});
/** CPU seconds of the bench database's PostgreSQL backends, by pid (world-readable /proc/<pid>/stat). */
async function backendCpu(): Promise<Map<number, number>> {
  if (db.backend !== 'postgres') return new Map();
  const pids = await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
  const out = new Map<number, number>();
  for (const { pid } of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(pid, (Number(f[11]) + Number(f[12])) / 100);
    } catch { /* a backend that ended */ }
  }
  return out;
}
const db0 = await backendCpu();
const cpu0 = process.cpuUsage();
t = performance.now();
for (let k = 0; k < rounds; k++) {
  // One batch per round, a poll of every site; every 7th site flaps to exercise outages.
  await recordSamples(db, ids.map((id, i) => poll(id, k, i % 7 === 0 && k % 3 === 1 ? 'link_down' : 'up')));
}
const recordMs = performance.now() - t;
const cpu = process.cpuUsage(cpu0);
const db1 = await backendCpu();
const clientCpuS = (cpu.user + cpu.system) / 1e6;
const databaseCpuS = [...db1].reduce((sum, [pid, s]) => sum + s - (db0.get(pid) ?? 0), 0);

// 30 days of one site at 60 s: 43 200 polls, then the availability of the window ("no-month" skips it).
let availabilityMs = NaN, a: { availability: number | null } = { availability: null };
if (process.argv[4] !== 'no-month') {
  const month: PollSample[] = Array.from({ length: 43_200 }, (_, k) => poll('b-0', 1_000 + k));
  for (let i = 0; i < month.length; i += 5_000) await recordSamples(db, month.slice(i, i + 5_000));
  t = performance.now();
  a = await siteAvailability(db, { id: 'b-0', intervalS: 60 }, { from: T0 + 1_000 * 60_000, to: T0 + 44_200 * 60_000 });
  availabilityMs = performance.now() - t;
}
await db.close();

const figures = {
  backend: db.backend, sites, rounds, samples: sites * rounds,
  importSitesMs: Math.round(importMs),
  recordSamplesPerSecond: Math.round((sites * rounds) / (recordMs / 1000)),
  recordBatchMs: Math.round(recordMs / rounds),
  // CPU per 1,000 samples stored: this process (PGlite included when embedded) and PostgreSQL's backends.
  clientCpuMsPer1000: Math.round((clientCpuS / (sites * rounds)) * 1e6),
  databaseCpuMsPer1000: Math.round((databaseCpuS / (sites * rounds)) * 1e6),
  loadavg1: loadavg()[0],
  availability30dMs: Math.round(availabilityMs), availability30d: a.availability,
  node: process.versions.node, at: new Date().toISOString(),
};
console.log(figures);
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/monitoring-${db.backend}.json`, JSON.stringify(figures, null, 2) + '\n');
