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
