// site_measure from the rollups (issue 12: measures no longer recomputed from 30 days of raw polls
// every minute) gives the figures the raw rule gives. One site polled every 60 s for 50 h from T0
// (2026-01-10 00:00 UTC) with an outage, a gap, a reboot, link-down and a maintenance window;
// measured at T0 + 50 h 07 min 13 s (a window start inside an hour), before and after a rollup pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollUpHistory } from '../../server/src/monitoring/history.ts';
import { refreshSiteMeasures, siteAvailability } from '../../server/src/monitoring/measures.ts';
import type { PollSample } from '../../server/src/monitoring/poll-sample.ts';
import { recordSamples } from '../../server/src/monitoring/store.ts';
import { windowSpan, type WindowName } from '../../server/src/monitoring/windows.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addSite, sample, seedFacilities, T0 } from './monitoring-fixtures.ts';

const M = 60, H = 3600;
const NOW = T0 + (50 * H + 7 * M + 13) * 1000;
let db: TestDatabase;

function polls(): PollSample[] {
  const out: PollSample[] = [];
  let uptime = 5_000_000, octets = 10n ** 12n;
  for (let s = 0; s <= 50 * H + 7 * M; s += M) {
    if (s >= 7 * H && s < 7 * H + 10 * M) continue; // the agent away: unknown
    if (s === 10 * H + 30 * M) uptime = 1_000; // a reboot between two up polls
    else uptime += 6_000;
    if (s >= 3 * H + 10 * M && s < 3 * H + 30 * M) { out.push(sample('mr-a', s, { outcome: 'unreachable' })); continue; }
    const linkDown = s >= 20 * H && s < 20 * H + 5 * M;
    octets += linkDown ? 0n : 750_000n;
    out.push(sample('mr-a', s, { sysUpTime: uptime, inOctets: octets, outOctets: octets / 2n, counterBits: 64, ifOperStatus: linkDown ? 2 : 1 }));
  }
  return out;
}

const measure = async () => (await db.query<Record<string, number | boolean | null>>(`SELECT * FROM site_measure WHERE site_id = 'mr-a'`))[0]!;

async function expectRawFigures() {
  const m = await measure();
  for (const w of ['24h', '7d', '30d', 'month'] as WindowName[]) {
    const a = await siteAvailability(db, { id: 'mr-a', intervalS: 60 }, windowSpan(w, NOW));
    expect(m[`availability_${w}`] as number, w).toBeCloseTo(a.availability!, 9);
    expect(m[`coverage_${w}`] as number, w).toBeCloseTo(a.coverage!, 9);
  }
  const week = windowSpan('7d', NOW);
  const [t] = await db.query<{ bps: number }>(
    `SELECT greatest(sum(in_bps * rate_dt_s), sum(out_bps * rate_dt_s)) / sum(rate_dt_s) AS bps FROM poll_sample
     WHERE site_id = 'mr-a' AND in_bps IS NOT NULL AND polled_at >= to_timestamp($1 / 1000.0) AND polled_at < to_timestamp($2 / 1000.0)`,
    [week.from, week.to]);
  expect(m.mean_bps_7d as number).toBeCloseTo(Number(t!.bps), 6);
}

beforeAll(async () => {
  db = await openTestDatabase();
  await seedFacilities(db);
  await addSite(db, 'mr-a');
  await db.query(`INSERT INTO maintenance_window (site_id, starts_at, ends_at) VALUES ('mr-a', to_timestamp($1 / 1000.0), to_timestamp($2 / 1000.0))`,
    [T0 + (26 * H + 15 * M) * 1000, T0 + (27 * H + 45 * M) * 1000]);
  const all = polls();
  for (let i = 0; i < all.length; i += 1000) await recordSamples(db, all.slice(i, i + 1000));
});
afterAll(() => db?.close());

describe('site measures', () => {
  it('with no rollup yet: every window from raw polls', async () => {
    await refreshSiteMeasures(db, NOW);
    await expectRawFigures();
  });

  it('after a rollup pass: rollups plus the raw edges give the same figures', async () => {
    const pass = await rollUpHistory(db, NOW);
    expect(pass.rollupRows).toBeGreaterThan(40); // ~50 hours were rolled up
    await db.query('DELETE FROM site_measure');
    await refreshSiteMeasures(db, NOW);
    await expectRawFigures();
  });
});
