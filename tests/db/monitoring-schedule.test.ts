// Availability over a site's schedule through the API, reports, CSV and the school page, on the
// backend under test. Hand-worked week (Almaty time, UTC+5): Monday 2 March 2026 to Monday 9 March,
// polls every 10 min, down Tue 06:00–09:00 (1 h of it in school hours) and Wed 19:30–21:00 (0.5 h
// in hours): 24×7 4.5 h down of 168 h; school hours (Mon–Fri 08:00–20:00) 1.5 h of 60 h.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { createApp } from '../../server/src/http/app.ts';
import { createLogger } from '../../server/src/logger.ts';
import { groupReport, reportSpan, SITE_CSV_HEADER, siteReport, sitesReportRows } from '../../server/src/monitoring/reports.ts';
import { ensureSamplePartitions, HISTORY_DEFAULTS, rollUpHistory, siteScheduledFromHistory } from '../../server/src/monitoring/history.ts';
import { siteAvailabilityBoth } from '../../server/src/monitoring/measures.ts';
import type { Availability } from '../../server/src/monitoring/rules/availability.ts';
import { SCHOOL_HOURS, type Schedule } from '../../server/src/monitoring/rules/schedule.ts';
import { monthSpan } from '../../server/src/monitoring/windows.ts';
import { shareView } from '../../server/src/monitoring/share-view.ts';
import { recordSamples } from '../../server/src/monitoring/store.ts';
import { bearerFor } from '../support/auth.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addSite, sample, seedFacilities, TEST_KEY } from './monitoring-fixtures.ts';

const H = 3_600_000, STEP = 600_000;
const almaty = (d: number, h = 0, mi = 0) => Date.UTC(2026, 2, d, h, mi) - 5 * H;
const WEEK = { from: almaty(2, 0), to: almaty(9, 0) };
const DOWN = [{ from: almaty(3, 6), to: almaty(3, 9) }, { from: almaty(4, 19, 30), to: almaty(4, 21) }];
const AFTER = almaty(9, 0); // "now" for the reports: the week is over

let db: TestDatabase;
let app: ReturnType<typeof createApp>;
let admin = '';

async function week(siteId: string) {
  const polls = [];
  for (let t = WEEK.from; t < WEEK.to; t += STEP) {
    const down = DOWN.some((d) => t >= d.from && t < d.to);
    polls.push(sample(siteId, (t - WEEK.from) / 1000, down ? { outcome: 'unreachable', ifIndex: null, ifOperStatus: null, ifAdminStatus: null, counterBits: null, rttMs: null } : {}, WEEK.from));
  }
  await recordSamples(db, polls);
}

beforeAll(async () => {
  db = await openTestDatabase();
  await seedFacilities(db); // fac-1 is a school, fac-2 a health point
  await addSite(db, 'sch-1', { intervalS: 600 }); // a school: default school hours
  await addSite(db, 'sch-2', { intervalS: 600, schedule: { days: [1, 2, 3, 4, 5, 6], from: '09:00', to: '13:00' } });
  await addSite(db, 'hp-1', { intervalS: 600, facilityId: 'fac-2', operator: 'Other' }); // no schedule
  for (const id of ['sch-1', 'sch-2', 'hp-1']) await week(id);
  app = createApp({ db, config: { ...loadConfig({}), secretKey: TEST_KEY }, logger: createLogger('silent'), versions: {} });
  admin = await bearerFor(db, 'admin');
});
afterAll(() => db?.close());

describe('availability over the site schedule', () => {
  it('API, March 2026: 24×7 and school hours side by side; March has 22 school days = 264 h', async () => {
    const res = await request(app).get('/api/sites/sch-1/availability?month=2026-03').set('Authorization', admin).expect(200);
    expect(res.body.downS).toBe(4.5 * 3600);
    // The week's last poll (Sun 23:50) has no successor and stands its cap of 2 × 10 min, to Mon 00:10:
    // 24×7 up is 163.5 h + 10 min of 168 h + 10 min known (9,820 of 10,090 min). Mon 00:10 is out of hours.
    expect(res.body.availability).toBeCloseTo(9820 / 10090, 9);
    expect(res.body.scheduled).toMatchObject({ schedule: { days: [1, 2, 3, 4, 5], from: '08:00', to: '20:00', utcOffsetMin: 300 }, downS: 5400, scheduledS: 264 * 3600 });
    expect(res.body.scheduled.availability).toBeCloseTo(58.5 / 60, 9);
    // Only the week was observed: 60 of the 264 scheduled hours.
    expect(res.body.scheduled.coverage).toBeCloseTo(60 / 264, 9);
  });

  it('a site with its own schedule (Mon–Sat 09:00–13:00) missed none of its hours', async () => {
    const res = await request(app).get('/api/sites/sch-2/availability?month=2026-03').set('Authorization', admin).expect(200);
    expect(res.body.scheduled.downS).toBe(0);
    expect(res.body.scheduled.availability).toBe(1);
  });

  it('a site of a kind without default hours has no scheduled figure', async () => {
    const res = await request(app).get('/api/sites/hp-1/availability?month=2026-03').set('Authorization', admin).expect(200);
    expect(res.body.scheduled).toBeNull();
  });

  it('SLA report, CSV and group report carry the figure', async () => {
    const r = await siteReport(db, 'sch-1', AFTER, ['2026-03']);
    expect(r!.months['2026-03']!.scheduled!.availability).toBeCloseTo(58.5 / 60, 9);
    const rows = await sitesReportRows(db, AFTER, {}, { month: '2026-03' });
    const col = SITE_CSV_HEADER.indexOf('scheduled_availability_pct');
    expect(Object.fromEntries(rows.map((row) => [row[0], row[col]]))).toEqual({ 'hp-1': null, 'sch-1': 97.5, 'sch-2': 100 });
    const [kt] = await groupReport(db, 'operator', reportSpan({ month: '2026-03' }, AFTER), 'Kazakhtelecom');
    // sch-1 and sch-2 together: (58.5 + 24) h up of (60 + 24) h known (sch-2: 6 days × 4 h).
    expect(kt!.scheduledAvailability).toBeCloseTo(82.5 / 84, 9);
  });

  it('the school page shows this month in school hours', async () => {
    const [{ share_token }] = await db.query<{ share_token: string }>(`SELECT share_token FROM monitored_site WHERE id = 'sch-1'`) as [{ share_token: string }];
    const v = await shareView(db, share_token, AFTER);
    expect(v!.schedule).toMatchObject({ from: '08:00', to: '20:00' });
    expect(v!.availabilityMonthScheduled).toBeCloseTo(58.5 / 60, 9);
  });

  it('refuses a schedule it cannot use, naming the field', async () => {
    const res = await request(app).patch('/api/sites/sch-2').set('Authorization', admin).send({ schedule: { days: [8], from: '20:00', to: '08:00' } }).expect(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['schedule.days.0', 'schedule.to']);
  });
});

// School hours over months and quarters (issue 12): the default schedule is on whole UTC hours, so
// it is summed from the hourly rollups and outlives the raw retention; a schedule off the hour
// (sch-3, Mon–Fri 08:30–14:30: 5 × 6 h = 30 h, 0.5 h of Tuesday's outage inside) is cut from raw
// polls and says so once the span reaches past them.
describe('school hours from the rollups, past the raw retention', () => {
  const SCH1 = { id: 'sch-1', intervalS: 600 }, SCH3 = { id: 'sch-3', intervalS: 600 };
  const OFF_HOUR: Schedule = { days: [1, 2, 3, 4, 5], from: '08:30', to: '14:30', utcOffsetMin: 300 };
  const MARCH = monthSpan('2026-03');
  const SPANS = {
    week: WEEK,
    'March 2026': MARCH,
    'Tue 09:15 to Thu 17:40 Almaty': { from: almaty(3, 9, 15), to: almaty(5, 17, 40) },
  };
  const LATER = AFTER + 40 * 24 * H; // Saturday 18 April: the week is past the 35-day retention
  const before: Record<string, Availability> = {};

  function same(a: Availability, b: Availability) {
    for (const k of ['upMs', 'downMs', 'unknownMs', 'maintenanceMs'] as const) expect(a[k]).toBeCloseTo(b[k], 3);
    expect(a.availability).toBeCloseTo(b.availability!, 12);
    expect(a.coverage).toBeCloseTo(b.coverage!, 12);
  }

  beforeAll(async () => {
    await addSite(db, 'sch-3', { intervalS: 600, operator: 'Third', schedule: OFF_HOUR });
    await week('sch-3');
    await ensureSamplePartitions(db, WEEK.from + 24 * H);
    const pass = await rollUpHistory(db, AFTER + 10 * 60_000);
    expect(pass.hoursTo).toBe(AFTER);
  });

  it('inside the retention: the rollups give the raw figures, the hand-worked 58.5 of 60 h', async () => {
    for (const [name, span] of Object.entries(SPANS)) {
      const raw = (await siteAvailabilityBoth(db, SCH1, span, SCHOOL_HOURS)).scheduled!;
      const fromRollups = await siteScheduledFromHistory(db, SCH1, span, SCHOOL_HOURS);
      expect(fromRollups.scheduledMs, name).toBe(raw.scheduledMs);
      expect(fromRollups.partial).toBe(false);
      same(fromRollups, raw);
      before[name] = raw;
    }
    expect(before['week']!.availability).toBeCloseTo(58.5 / 60, 12);
    expect(before['March 2026']!.coverage).toBeCloseTo(60 / 264, 12);
  });

  it('a schedule off the hour is cut from raw polls and is whole while they are kept', async () => {
    const a = await siteScheduledFromHistory(db, SCH3, MARCH, OFF_HOUR);
    expect(a.availability).toBeCloseTo(29.5 / 30, 12);
    expect(a).toMatchObject({ partial: false, coveredFrom: MARCH.from });
  });

  it('after the raw days are dropped, school hours over the month and the API are what they were', async () => {
    const pass = await rollUpHistory(db, LATER, { ...HISTORY_DEFAULTS, retentionDays: 35 });
    expect(pass.partitionsDropped).toBeGreaterThanOrEqual(7);
    const [left] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM poll_sample WHERE site_id = 'sch-1'`);
    expect(left!.n).toBe(0);
    // The raw polls alone know nothing of the week any more.
    expect((await siteAvailabilityBoth(db, SCH1, WEEK, SCHOOL_HOURS)).scheduled!.availability).toBeNull();
    // Whole hours only: the ragged span's partial edge hours (Tue 09:15–10:00, Thu 17:00–17:40) were
    // read raw and are gone with the raw polls, as for 24×7 (history.ts).
    for (const name of ['week', 'March 2026'] as const) same(await siteScheduledFromHistory(db, SCH1, SPANS[name], SCHOOL_HOURS), before[name]!);
    const r = await siteReport(db, 'sch-1', LATER, ['2026-03']);
    expect(r!.months['2026-03']!.scheduled).toMatchObject({ downS: 5400, scheduledS: 264 * 3600, partial: false });
    expect(r!.months['2026-03']!.scheduled!.availability).toBeCloseTo(58.5 / 60, 9);
    const res = await request(app).get('/api/sites/sch-1/availability?month=2026-03').set('Authorization', admin).expect(200);
    expect(res.body.availability).toBeCloseTo(9820 / 10090, 9);
    expect(res.body.scheduled.availability).toBeCloseTo(58.5 / 60, 9);
    expect(res.body.scheduled.partial).toBe(false);
  });

  it('a schedule off the hour past the retention: only the kept span, flagged partial in the API and CSV', async () => {
    // Monday 13 April, inside the retention: polls 08:00–15:00 Almaty, all up.
    const mon = almaty(13 + 31, 8) - almaty(2, 0); // 13 April = 2 March + 42 days
    const polls = [];
    for (let t = WEEK.from + mon; t < WEEK.from + mon + 7 * H; t += STEP) polls.push(sample('sch-3', (t - WEEK.from) / 1000, {}, WEEK.from));
    await recordSamples(db, polls);
    const firstKept = WEEK.from + mon;
    expect(new Date(firstKept).toISOString()).toBe('2026-04-13T03:00:00.000Z');
    const a = await siteScheduledFromHistory(db, SCH3, { from: WEEK.from, to: LATER }, OFF_HOUR);
    expect(a).toMatchObject({ partial: true, coveredFrom: firstKept, availability: 1 });
    // March has no raw poll left: nothing covered, flagged partial.
    const res = await request(app).get('/api/sites/sch-3/availability?month=2026-03').set('Authorization', admin).expect(200);
    expect(res.body.scheduled).toMatchObject({ partial: true, availability: null });
    const rows = await sitesReportRows(db, LATER, { operator: 'Third' }, { month: '2026-03' });
    expect(rows[0]![SITE_CSV_HEADER.indexOf('scheduled_partial_from')]).toBe(res.body.scheduled.coveredFrom);
    const sch1 = await sitesReportRows(db, LATER, { operator: 'Kazakhtelecom' }, { month: '2026-03' });
    expect(sch1.map((row) => row[SITE_CSV_HEADER.indexOf('scheduled_partial_from')])).toEqual([null, null]);
  });

  it('past the hourly rollups too (hourly retention 30 days here, 400 by default): flagged partial, not silently short', async () => {
    await rollUpHistory(db, LATER + H, { ...HISTORY_DEFAULTS, retentionDays: 35, hourlyRetentionDays: 30 });
    const [h] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM site_rollup_hour WHERE site_id = 'sch-1'`);
    expect(h!.n).toBe(0);
    const a = await siteScheduledFromHistory(db, SCH1, MARCH, SCHOOL_HOURS);
    expect(a).toMatchObject({ partial: true, coveredFrom: MARCH.to, availability: null });
    // 24×7 still stands on the daily rollups.
    const r = await siteReport(db, 'sch-1', LATER + H, ['2026-03']);
    expect(r!.months['2026-03']!.availability).toBeCloseTo(9820 / 10090, 9);
    expect(r!.months['2026-03']!.scheduled!.partial).toBe(true);
  });
});
