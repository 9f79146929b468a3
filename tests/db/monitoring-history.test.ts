// Bounded history (issue 15): availability over any span is the same from rollups as from raw
// polls, before and after late polls and a maintenance window added afterwards, and still the
// same for whole days and months once the raw days are dropped by the retention.
// The site polls every 60 s for 50 h from T0 (2026-01-10 00:00 UTC = 05:00 in Kazakhstan):
//   3 h 10 m – 3 h 30 m  unreachable (an outage)       7 h 00 m – 7 h 10 m  no polls (unknown)
//   10 h 30 m            reboot between two up polls    20 h 00 m – 20 h 05 m link down
//   15 h 00 m – 15 h 03 m configuration error (unknown) 26 h 15 m – 27 h 45 m maintenance
// 64-bit counters grow 750 000 bytes a minute (100 kbit/s) while up.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureSamplePartitions, rollUpHistory, siteAvailabilityFromHistory, HISTORY_DEFAULTS } from '../../server/src/monitoring/history.ts';
import { siteAvailability } from '../../server/src/monitoring/measures.ts';
import type { PollSample } from '../../server/src/monitoring/poll-sample.ts';
import type { Availability, Span } from '../../server/src/monitoring/rules/availability.ts';
import { recordSamples } from '../../server/src/monitoring/store.ts';
import { monthSpan } from '../../server/src/monitoring/windows.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addSite, sample, seedFacilities, T0 } from './monitoring-fixtures.ts';

const M = 60, H = 3600, DAY = 86_400_000;
const SITE = { id: 'hist-a', intervalS: 60 };

function polls(): PollSample[] {
  const out: PollSample[] = [];
  let uptime = 5_000_000, octets = 10n ** 12n;
  for (let s = 0; s < 50 * H; s += M) {
    if (s >= 7 * H && s < 7 * H + 10 * M) continue;
    if (s === 10 * H + 30 * M) uptime = 1_000; // rebooted ~10 s ago
    else uptime += 6_000;
    if (s >= 3 * H + 10 * M && s < 3 * H + 30 * M) { out.push(sample(SITE.id, s, { outcome: 'unreachable' })); continue; }
    if (s >= 15 * H && s < 15 * H + 3 * M) { out.push(sample(SITE.id, s, { outcome: 'error', error: 'noSuchObject', ifOperStatus: null })); continue; }
    const linkDown = s >= 20 * H && s < 20 * H + 5 * M;
    octets += linkDown ? 0n : 750_000n;
    out.push(sample(SITE.id, s, { sysUpTime: uptime, inOctets: octets, outOctets: octets / 2n, counterBits: 64, ifOperStatus: linkDown ? 2 : 1 }));
  }
  return out;
}

// Spans that cut hours and days anywhere, whole Kazakhstan days, a month, one partial hour.
const SPANS: Record<string, Span> = {
  'ragged 2 days': { from: T0 + 13 * M * 1000 + 17_000, to: T0 + (49 * H + 3 * M) * 1000 },
  'everything': { from: T0 - H * 1000, to: T0 + 51 * H * 1000 },
  'one Kazakhstan day': { from: Date.UTC(2026, 0, 10, 19), to: Date.UTC(2026, 0, 11, 19) },
  'January 2026': monthSpan('2026-01'),
  'inside one hour': { from: T0 + (7 * H + 2 * M) * 1000, to: T0 + (7 * H + 40 * M) * 1000 },
  'maintenance day': { from: T0 + 20 * H * 1000, to: T0 + 30 * H * 1000 + 1 },
  // Both ragged ends read raw in one read (they are less than a day apart), the outage's hours rolled up.
  'ragged hours around the outage': { from: T0 + (2 * H + 40 * M) * 1000 + 17_000, to: T0 + (4 * H + 5 * M) * 1000 + 9_000 },
};

function same(a: Availability, b: Availability) {
  for (const k of ['upMs', 'downMs', 'unknownMs', 'maintenanceMs'] as const) expect(a[k]).toBeCloseTo(b[k], 3);
  expect(a.availability).toBeCloseTo(b.availability!, 12);
  expect(a.coverage).toBeCloseTo(b.coverage!, 12);
}

let db: TestDatabase;
const raw: Record<string, Availability> = {};
beforeAll(async () => {
  db = await openTestDatabase();
  await seedFacilities(db);
  await addSite(db, SITE.id);
  // The village PoP the site reaches the world through: its maintenance covers the site too.
  await addSite(db, 'hist-pop');
  await db.query(`UPDATE monitored_site SET parent_id = 'hist-pop' WHERE id = $1`, [SITE.id]);
  const all = polls();
  for (let i = 0; i < all.length; i += 500) await recordSamples(db, all.slice(i, i + 500));
  await db.query(`INSERT INTO maintenance_window (site_id, starts_at, ends_at, reason) VALUES ($1, $2, $3, 'works')`,
    [SITE.id, new Date(T0 + (26 * H + 15 * M) * 1000), new Date(T0 + (27 * H + 45 * M) * 1000)]);
});
afterAll(async () => db?.close());

it('the fixture has what it claims: a reboot outage, unknown and down time', async () => {
  const a = await siteAvailability(db, SITE, SPANS['everything']!);
  expect(a.downMs).toBeGreaterThan(20 * M * 1000);
  expect(a.unknownMs).toBeGreaterThan(2 * H * 1000);
  expect(a.maintenanceMs).toBe(90 * M * 1000);
  const [o] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outage WHERE site_id = $1 AND estimated', [SITE.id]);
  expect(o!.n).toBe(1);
});

it('rolls up every finished hour and gives the raw figures over any span', async () => {
  const pass = await rollUpHistory(db, T0 + (50 * H + 10 * M) * 1000);
  expect(pass.hoursFrom).toBe(T0);
  expect(pass.hoursTo).toBe(T0 + 50 * H * 1000);
  const [n] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM site_rollup_hour WHERE site_id = $1', [SITE.id]);
  expect(n!.n).toBe(50);
  for (const [name, span] of Object.entries(SPANS)) {
    raw[name] = await siteAvailability(db, SITE, span);
    same(await siteAvailabilityFromHistory(db, SITE, span), raw[name]!);
  }
});

it('rollups hold the bytes the rules derived: 750 000 bytes in a minute', async () => {
  const [h] = await db.query<{ in_bytes: number; rated_s: number; samples: number }>(
    'SELECT in_bytes, rated_s, samples FROM site_rollup_hour WHERE site_id = $1 AND hour = $2', [SITE.id, new Date(T0 + H * 1000)]);
  expect(h).toEqual({ in_bytes: 60 * 750_000, rated_s: 3600, samples: 60 });
});

it('a late poll and maintenance windows added afterwards (all sites, the parent) are rolled up again', async () => {
  // The poll missing at 7 h 05 m arrives from an agent's buffer; windows are declared after the fact.
  await recordSamples(db, [sample(SITE.id, 7 * H + 5 * M, { sysUpTime: 1, inOctets: 1n, outOctets: 1n, counterBits: 64 }, T0)]);
  await db.query(`INSERT INTO maintenance_window (site_id, starts_at, ends_at) VALUES (NULL, $1, $2)`,
    [new Date(T0 + (33 * H + 20 * M) * 1000), new Date(T0 + (34 * H + 10 * M) * 1000)]);
  await db.query(`INSERT INTO maintenance_window (site_id, starts_at, ends_at) VALUES ('hist-pop', $1, $2)`,
    [new Date(T0 + (40 * H + 35 * M) * 1000), new Date(T0 + (41 * H + 5 * M) * 1000)]);
  const pass = await rollUpHistory(db, T0 + (51 * H + 10 * M) * 1000);
  expect(pass.recomputedSites).toBe(2); // the site and its parent
  expect(raw['everything']!.maintenanceMs).toBe(90 * M * 1000);
  for (const [name, span] of Object.entries(SPANS)) {
    const now = await siteAvailability(db, SITE, span);
    same(await siteAvailabilityFromHistory(db, SITE, span), now);
    raw[name] = now;
  }
  expect(raw['inside one hour']!.unknownMs).toBeLessThan(8 * M * 1000);
  expect(raw['everything']!.maintenanceMs).toBe((90 + 50 + 30) * M * 1000);
});

it('keeps the raw polls in day partitions and drops them after the retention, never the rollups', async () => {
  await ensureSamplePartitions(db, T0 + DAY);
  const [day] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM poll_sample_20260111');
  expect(day!.n).toBe(1440);
  const later = T0 + 40 * DAY;
  const pass = await rollUpHistory(db, later, { ...HISTORY_DEFAULTS, retentionDays: 35 });
  expect(pass.partitionsDropped).toBeGreaterThanOrEqual(3);
  const [left] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM poll_sample WHERE site_id = $1', [SITE.id]);
  expect(left!.n).toBe(0);
  for (const name of ['one Kazakhstan day', 'January 2026'] as const) {
    same(await siteAvailabilityFromHistory(db, SITE, SPANS[name]!), raw[name]!);
  }
  // From raw polls alone the month has lost its up time: the rollups are what keeps it.
  expect((await siteAvailability(db, SITE, SPANS['January 2026']!)).upMs).toBe(0);
  expect(raw['January 2026']!.upMs).toBeGreaterThan(40 * H * 1000);
});
