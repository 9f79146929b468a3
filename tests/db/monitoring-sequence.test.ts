// recordSamples on a hand-worked sequence (interval 60 s, Counter32 on a 100 Mbit/s port):
//   t(s)  outcome      sysUpTime   inOctets        what happens
//     0   up           1 000 000   2^32 − 250 000  baseline
//    60   up           1 006 000   500 000         Counter32 wrap: Δ 750 000 → 100 000 bit/s
//   120   up           1 012 000   1 250 000       100 000 bit/s
//   180   up               3 000   10 000          reboot: booted at 150 s; [120,150) down; no rate
//   240   up               9 000   760 000         100 000 bit/s
//   300   unreachable                              1st down poll (debounce)
//   360   unreachable                              2nd → outage opens back-dated to 300
//   420   unreachable
//   480   up              33 000   3 760 000       outage closes (180 s); Δt 240 s → 100 000 bit/s
//   540   up              39 000   4 510 000       100 000 bit/s
// Availability over [0, 600): up [0,120) + [150,300) + [480,600) = 390 s; down 30 + 180 = 210 s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyAvailability, siteAvailability } from '../../server/src/monitoring/measures.ts';
import type { PollSample } from '../../server/src/monitoring/poll-sample.ts';
import { siteStatusEvents, type StatusChange } from '../../server/src/monitoring/status-events.ts';
import { recordSamples } from '../../server/src/monitoring/store.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addSite, sample, seedFacilities, T0 } from './monitoring-fixtures.ts';

const W = 2n ** 32n;
function sequence(site: string): PollSample[] {
  const up = (t: number, upt: number, inO: bigint) => sample(site, t, { sysUpTime: upt, inOctets: inO, outOctets: 0n });
  const down = (t: number) => sample(site, t, { outcome: 'unreachable' });
  return [
    up(0, 1_000_000, W - 250_000n), up(60, 1_006_000, 500_000n), up(120, 1_012_000, 1_250_000n),
    up(180, 3_000, 10_000n), up(240, 9_000, 760_000n), down(300), down(360), down(420),
    up(480, 33_000, 3_760_000n), up(540, 39_000, 4_510_000n),
  ];
}

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
  await seedFacilities(db);
  await addSite(db, 'seq-a');
  await addSite(db, 'seq-b');
});
afterAll(async () => db?.close());

const iso = (s: number) => new Date(T0 + s * 1000).toISOString();

async function outages(site: string) {
  const rows = await db.query<{ started_at: Date; ended_at: Date | null; cause: string; last_good_at: Date | null; estimated: boolean }>(
    'SELECT started_at, ended_at, cause, last_good_at, estimated FROM outage WHERE site_id = $1 ORDER BY started_at', [site]);
  return rows.map((r) => ({
    start: r.started_at.toISOString(), end: r.ended_at?.toISOString() ?? null, cause: r.cause,
    lastGood: r.last_good_at?.toISOString() ?? null, estimated: r.estimated,
  }));
}

describe('recordSamples: a hand-worked sequence in one shuffled batch', () => {
  const changes: StatusChange[] = [];
  beforeAll(async () => {
    siteStatusEvents.on('status', (c) => changes.push(c));
    const batch = sequence('seq-a');
    const shuffled = [batch[7]!, batch[2]!, batch[9]!, batch[0]!, batch[5]!, batch[1]!, batch[8]!, batch[4]!, batch[3]!, batch[6]!];
    expect(await recordSamples(db, shuffled)).toEqual({ inserted: 10, duplicates: 0, unknownSite: 0, late: 0 });
  });

  it('stores the outages: the reboot span (estimated) and the debounced, back-dated outage', async () => {
    expect(await outages('seq-a')).toEqual([
      { start: iso(120), end: iso(150), cause: 'reboot', lastGood: iso(120), estimated: true },
      { start: iso(300), end: iso(480), cause: 'unreachable', lastGood: iso(240), estimated: false },
    ]);
  });

  it('logs the reboot with its boot time', async () => {
    const ev = await db.query<{ kind: string; at: Date; details: { bootAt: string } }>(
      `SELECT kind, at, details FROM site_event WHERE site_id = 'seq-a' ORDER BY at`);
    expect(ev.map((e) => [e.kind, e.at.toISOString(), e.details.bootAt])).toEqual([['reboot', iso(180), iso(150)]]);
  });

  it('derives rates: the wrap counted once, none across the reboot, Δt from sysUpTime', async () => {
    const rows = await db.query<{ t: number; in_bps: number | null; rate_dt_s: number | null; rate_note: string | null; in_octets: string | null }>(
      `SELECT (extract(epoch FROM polled_at) - $2)::int AS t, in_bps, rate_dt_s, rate_note, in_octets
       FROM poll_sample WHERE site_id = $1 ORDER BY polled_at`, ['seq-a', T0 / 1000]);
    expect(rows.map((r) => [r.t, r.in_bps, r.rate_dt_s, r.rate_note])).toEqual([
      [0, null, null, 'baseline'], [60, 100_000, 60, 'counter32_wrap'], [120, 100_000, 60, null],
      [180, null, null, 'reboot'], [240, 100_000, 60, null], [300, null, null, null], [360, null, null, null],
      [420, null, null, null], [480, 100_000, 240, null], [540, 100_000, 60, null],
    ]);
    expect(rows[0]!.in_octets).toBe('4294717296'); // numeric(20), exact
  });

  it('computes availability 390 / 600 with full coverage', async () => {
    const a = await siteAvailability(db, { id: 'seq-a', intervalS: 60 }, { from: T0, to: T0 + 600_000 });
    expect(a).toMatchObject({ upMs: 390_000, downMs: 210_000, unknownMs: 0, availability: 0.65, coverage: 1 });
  });

  it('splits availability by calendar day in Kazakhstan time', async () => {
    // T0 is 10 Jan 00:00 UTC = 05:00 in Astana: the span [T0 − 1 h, T0 + 600 s) is one local day.
    const days = await dailyAvailability(db, { id: 'seq-a', intervalS: 60 }, { from: T0 - 3_600_000, to: T0 + 600_000 });
    expect(days).toEqual([{ day: '2026-01-10', availability: 0.65, coverage: 600 / 4200 }]);
    // Across local midnight (19:00 UTC): two days.
    const two = await dailyAvailability(db, { id: 'seq-a', intervalS: 60 }, { from: T0 - 6 * 3_600_000, to: T0 + 600_000 });
    expect(two.map((d) => d.day)).toEqual(['2026-01-09', '2026-01-10']);
    expect(two[0]!.availability).toBeNull();
  });

  it('emits status changes once each: up, down (at the debounce), up', async () => {
    expect(changes.filter((c) => c.siteId === 'seq-a')).toEqual([
      { siteId: 'seq-a', status: 'up', at: iso(0) },
      { siteId: 'seq-a', status: 'down', at: iso(360) },
      { siteId: 'seq-a', status: 'up', at: iso(480) },
    ]);
    const [st] = await db.query<{ status: string; last_polled_at: Date }>(`SELECT status, last_polled_at FROM site_state WHERE site_id = 'seq-a'`);
    expect(st).toEqual({ status: 'up', last_polled_at: new Date(T0 + 540_000) });
  });

  it('a replay after a crash doubles nothing', async () => {
    expect(await recordSamples(db, sequence('seq-a'))).toEqual({ inserted: 0, duplicates: 10, unknownSite: 0, late: 0 });
    expect(await outages('seq-a')).toHaveLength(2);
    const [n] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM poll_sample WHERE site_id = 'seq-a'`);
    expect(n!.n).toBe(10);
  });
});

describe('recordSamples: late and out-of-order batches', () => {
  it('a late poll is stored and counts for availability but does not rewind the state', async () => {
    const s = sequence('seq-b');
    await recordSamples(db, s.slice(0, 5));
    await recordSamples(db, [...s.slice(6), sample('ghost', 0)]);
    // The poll at 300 s arrives last: the outage had opened at 360 (360 and 420 down).
    expect(await recordSamples(db, [s[5]!])).toEqual({ inserted: 1, duplicates: 0, unknownSite: 0, late: 1 });
    expect((await outages('seq-b')).filter((o) => !o.estimated)).toEqual([
      { start: iso(360), end: iso(480), cause: 'unreachable', lastGood: iso(240), estimated: false },
    ]);
    const [late] = await db.query<{ processed: boolean; rate_note: string }>(`SELECT processed, rate_note FROM poll_sample WHERE sample_id = 'seq-b:300'`);
    expect(late).toEqual({ processed: false, rate_note: 'late' });
    // Availability reads all stored polls: the same 390 / 600 as the in-order site.
    const a = await siteAvailability(db, { id: 'seq-b', intervalS: 60 }, { from: T0, to: T0 + 600_000 });
    expect(a.availability).toBe(0.65);
  });

  it('maintenance windows stored in the database leave the availability', async () => {
    // Maintenance [300, 480) covers the outage: known = 600 − 180 = 420 s, of which the reboot
    // span [120, 150) is down → 390 / 420.
    await db.query(`INSERT INTO maintenance_window (site_id, starts_at, ends_at) VALUES ('seq-b', $1, $2)`,
      [new Date(T0 + 300_000), new Date(T0 + 480_000)]);
    const a = await siteAvailability(db, { id: 'seq-b', intervalS: 60 }, { from: T0, to: T0 + 600_000 });
    expect(a).toMatchObject({ upMs: 390_000, downMs: 30_000, maintenanceMs: 180_000, availability: 390 / 420 });
  });

  it('skips polls of unknown sites and counts them', async () => {
    expect(await recordSamples(db, [sample('ghost', 60)])).toEqual({ inserted: 0, duplicates: 0, unknownSite: 1, late: 0 });
  });
});
