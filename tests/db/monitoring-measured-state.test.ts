// Planning feedback: facility_measured_state from a week (and a month) of polls at a 30-minute interval.
//   fac-1 / ms-idle:   up all week, 50 000 bit/s on 100 Mbit/s committed (0.05 % < 1 %)  → idle
//   fac-2 / ms-busy:   up all week, 5 Mbit/s (5 %)                                       → ok
//   fac-3 / ms-chronic: down 1 poll in 4 over 30 days (75 % < 95 %), up at the end      → chronically_unavailable
//   fac-4 / ms-down:   up, then two unreachable polls at the end                          → down
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/src/logger.ts';
import { startMonitoringJobs } from '../../server/src/monitoring/jobs.ts';
import { refreshSiteMeasures } from '../../server/src/monitoring/measures.ts';
import type { PollSample } from '../../server/src/monitoring/poll-sample.ts';
import { recordSamples } from '../../server/src/monitoring/store.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addSite, sample, seedFacilities, T0 } from './monitoring-fixtures.ts';

const STEP = 1800; // s: a 30-minute interval keeps the month of polls small
const WEEK = 7 * 24 * 3600;
let db: TestDatabase;
const NOW = T0 + 30 * 24 * 3600_000;

function upSeries(site: string, fromS: number, toS: number, bps: number, down?: (i: number) => boolean): PollSample[] {
  const out: PollSample[] = [];
  for (let t = fromS, i = 0; t < toS; t += STEP, i++) {
    const octets = BigInt(Math.round(((t - fromS) * bps) / 8));
    out.push(down?.(i)
      ? sample(site, t, { outcome: 'unreachable' })
      : sample(site, t, { sysUpTime: 1_000 + (t - fromS) * 100, inOctets: octets, outOctets: 0n, counterBits: 64, ifSpeedMbps: 1000 }));
  }
  return out;
}

beforeAll(async () => {
  db = await openTestDatabase();
  await seedFacilities(db);
  await db.exec(`INSERT INTO facility (id, kind, name, connection, geom, dataset_id, provenance) VALUES
    ('fac-3', 'school', 'C', 'fibre', ST_SetSRID(ST_MakePoint(71, 51), 4326), 't-fac', 'illustrative'),
    ('fac-4', 'school', 'D', 'fibre', ST_SetSRID(ST_MakePoint(72, 52), 4326), 't-fac', 'illustrative')`);
  await addSite(db, 'ms-idle', { intervalS: STEP });
  await addSite(db, 'ms-busy', { facilityId: 'fac-2', intervalS: STEP });
  await addSite(db, 'ms-chronic', { facilityId: 'fac-3', intervalS: STEP });
  await addSite(db, 'ms-down', { facilityId: 'fac-4', intervalS: STEP });
  const end = (NOW - T0) / 1000;
  await recordSamples(db, upSeries('ms-idle', end - WEEK, end, 50_000));
  await recordSamples(db, upSeries('ms-busy', end - WEEK, end, 5_000_000));
  // Every 4th poll down, never two in a row: no outage opens, but availability is 75 %.
  await recordSamples(db, upSeries('ms-chronic', 0, end, 5_000_000, (i) => i % 4 === 1));
  await recordSamples(db, [...upSeries('ms-down', end - 7200, end - 1200, 5_000_000),
    sample('ms-down', end - 1200, { outcome: 'unreachable' }), sample('ms-down', end - 600, { outcome: 'unreachable' })]);
  expect(await refreshSiteMeasures(db, NOW)).toBe(4);
});
afterAll(async () => db?.close());

describe('facility_measured_state', () => {
  it('classes each facility for the gap engine', async () => {
    const rows = await db.query<{ facility_id: string; state: string; measured: boolean }>(
      'SELECT facility_id, state, measured FROM facility_measured_state ORDER BY facility_id');
    expect(rows).toEqual([
      { facility_id: 'fac-1', state: 'idle', measured: true },
      { facility_id: 'fac-2', state: 'ok', measured: true },
      { facility_id: 'fac-3', state: 'chronically_unavailable', measured: true },
      // Polled only for the last 2 h: down now, but a week is not covered.
      { facility_id: 'fac-4', state: 'down', measured: false },
    ]);
  });

  it('keeps the figures behind each class', async () => {
    const [idle] = await db.query<{ mean_bps_7d: number; availability_7d: number; coverage_7d: number }>(
      `SELECT mean_bps_7d, availability_7d, coverage_7d FROM facility_measured_state WHERE facility_id = 'fac-1'`);
    expect(idle!.mean_bps_7d).toBeCloseTo(50_000, 6);
    expect(idle!.availability_7d).toBe(1);
    expect(idle!.coverage_7d).toBe(1);
    const [chronic] = await db.query<{ availability_30d: number }>(
      `SELECT availability_30d FROM facility_measured_state WHERE facility_id = 'fac-3'`);
    expect(chronic!.availability_30d).toBeCloseTo(0.75, 3);
  });

  it('logs the idle flag once as an event', async () => {
    await refreshSiteMeasures(db, NOW + 60_000);
    const ev = await db.query<{ kind: string }>(`SELECT kind FROM site_event WHERE site_id = 'ms-idle' AND kind LIKE 'idle%'`);
    expect(ev.map((e) => e.kind)).toEqual(['idle']);
  });
});

describe('monitoring jobs', () => {
  it('refresh the measures on a timer and stop cleanly', async () => {
    await db.query('DELETE FROM site_measure');
    const jobs = startMonitoringJobs(db, createLogger('silent'), { measuresEveryMs: 100 });
    let n = 0;
    for (let i = 0; i < 200 && n < 4; i++) {
      await new Promise((r) => setTimeout(r, 50));
      [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM site_measure')) as [{ n: number }];
    }
    await jobs.stop();
    expect(n).toBe(4);
  });
});
