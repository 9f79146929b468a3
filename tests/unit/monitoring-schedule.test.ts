// Availability over a site's schedule (school hours, Mon–Fri 08:00–20:00 Asia/Almaty = UTC+5, no
// DST). Hand-worked week: Monday 2 March 2026 00:00 Almaty (= Sunday 1 March 19:00 UTC) for 7 days,
// a poll every 60 s, so a poll stands exactly one minute and outages on the minute are exact.
import { describe, expect, it } from 'vitest';
import { availability, type ClassedSample } from '../../server/src/monitoring/rules/availability.ts';
import { checkSchedule, hourAligned, SCHOOL_HOURS, schedulePlan, scheduleSpans, scheduledAvailability } from '../../server/src/monitoring/rules/schedule.ts';

const H = 3_600_000, MIN = 60_000;
/** Almaty wall clock → UTC ms (UTC+5 all year). */
const almaty = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi) - 5 * H;
const WEEK = { from: almaty(2026, 3, 2), to: almaty(2026, 3, 9) };

function polls(down: { from: number; to: number }[]): ClassedSample[] {
  const out: ClassedSample[] = [];
  for (let t = WEEK.from - MIN; t < WEEK.to; t += MIN) out.push({ at: t, cls: down.some((d) => t >= d.from && t < d.to) ? 'down' : 'up' });
  return out;
}

describe('scheduleSpans', () => {
  it('school hours of the week: Monday to Friday, 08:00–20:00 Almaty = 03:00–15:00 UTC', () => {
    const spans = scheduleSpans(SCHOOL_HOURS, WEEK);
    expect(spans.map((s) => [new Date(s.from).toISOString(), new Date(s.to).toISOString()])).toEqual([
      ['2026-03-02T03:00:00.000Z', '2026-03-02T15:00:00.000Z'],
      ['2026-03-03T03:00:00.000Z', '2026-03-03T15:00:00.000Z'],
      ['2026-03-04T03:00:00.000Z', '2026-03-04T15:00:00.000Z'],
      ['2026-03-05T03:00:00.000Z', '2026-03-05T15:00:00.000Z'],
      ['2026-03-06T03:00:00.000Z', '2026-03-06T15:00:00.000Z'],
    ]);
  });

  it('no daylight saving: the Monday after Europe moves its clocks (29 March 2026) still starts at 03:00 UTC', () => {
    const [mon] = scheduleSpans(SCHOOL_HOURS, { from: almaty(2026, 3, 30), to: almaty(2026, 3, 31) });
    expect(new Date(mon!.from).toISOString()).toBe('2026-03-30T03:00:00.000Z');
  });

  it('a window starting in the evening UTC is already the next local day in Almaty', () => {
    // Sunday 1 March 2026 21:00 UTC = Monday 02:00 Almaty; to Monday 10:00 UTC = 15:00 Almaty.
    const spans = scheduleSpans(SCHOOL_HOURS, { from: Date.UTC(2026, 2, 1, 21), to: Date.UTC(2026, 2, 2, 10) });
    expect(spans).toEqual([{ from: Date.UTC(2026, 2, 2, 3), to: Date.UTC(2026, 2, 2, 10) }]);
  });

  it('refuses a schedule it cannot use, naming the field', () => {
    expect(() => checkSchedule({ ...SCHOOL_HOURS, days: [0] })).toThrow(/schedule.days/);
    expect(() => checkSchedule({ ...SCHOOL_HOURS, from: '20:00', to: '08:00' })).toThrow(/before schedule.to/);
    expect(() => checkSchedule({ ...SCHOOL_HOURS, from: '8:00' })).toThrow(/08:00/);
  });
});

describe('scheduledAvailability, hand-worked week', () => {
  // Outages (Almaty time):
  //  a) Tue 06:00–09:00: 3 h down, of which 08:00–09:00 = 1 h in school hours (straddles the start);
  //  b) Wed 19:30–21:00: 1.5 h down, of which 19:30–20:00 = 0.5 h in hours (straddles the end);
  //  c) Sat 10:00–14:00: 4 h down, none in hours (weekend);
  //  d) Thu 12:00–12:30: 0.5 h down, all in hours.
  const outages = [
    { from: almaty(2026, 3, 3, 6), to: almaty(2026, 3, 3, 9) },
    { from: almaty(2026, 3, 4, 19, 30), to: almaty(2026, 3, 4, 21) },
    { from: almaty(2026, 3, 7, 10), to: almaty(2026, 3, 7, 14) },
    { from: almaty(2026, 3, 5, 12), to: almaty(2026, 3, 5, 12, 30) },
  ];
  const input = { samples: polls(outages), window: WEEK, intervalMs: MIN };

  it('24×7: 9 h down of 168 h', () => {
    const a = availability(input);
    expect(a.downMs).toBe(9 * H);
    expect(a.availability).toBeCloseTo(159 / 168, 12);
  });

  it('school hours: 2 h down of 60 h (1 + 0.5 + 0 + 0.5)', () => {
    const a = scheduledAvailability(input, SCHOOL_HOURS);
    expect(a.scheduledMs).toBe(60 * H);
    expect(a.downMs).toBe(2 * H);
    expect(a.upMs).toBe(58 * H);
    expect(a.unknownMs).toBe(0);
    expect(a.maintenanceMs).toBe(0);
    expect(a.availability).toBeCloseTo(58 / 60, 12);
    expect(a.coverage).toBe(1);
  });

  it('maintenance Thu 07:00–09:00 counts 1 h of maintenance in hours, the 07:00–08:00 hour is simply out of hours', () => {
    const a = scheduledAvailability({ ...input, maintenance: [{ from: almaty(2026, 3, 5, 7), to: almaty(2026, 3, 5, 9) }] }, SCHOOL_HOURS);
    expect(a.maintenanceMs).toBe(1 * H);
    expect(a.downMs).toBe(2 * H);
    expect(a.upMs).toBe(57 * H);
    expect(a.availability).toBeCloseTo(57 / 59, 12);
  });

  it('the agent down Friday 18:00 Almaty to Saturday noon: 1 h 59 min unknown in hours, never down', () => {
    const gap = { from: almaty(2026, 3, 6, 18), to: almaty(2026, 3, 7, 12) };
    const samples = polls(outages).filter((s) => s.at < gap.from || s.at >= gap.to);
    const a = scheduledAvailability({ ...input, samples }, SCHOOL_HOURS);
    // The last poll before the gap (17:59) has no successor, so it stands its cap of 2 × interval,
    // to 18:01: unknown is 18:01–20:00 = 119 min. Down is unchanged (2 h); up = 60 h − 2 h − 119 min.
    expect(a.unknownMs).toBe(119 * MIN);
    expect(a.downMs).toBe(2 * H);
    expect(a.upMs).toBe(58 * H - 119 * MIN);
    expect(a.coverage).toBeCloseTo((60 * 60 - 119) / (60 * 60), 12);
  });
});

describe('hourAligned: can the hourly rollups answer the schedule exactly?', () => {
  const cases: [string, Parameters<typeof hourAligned>[0], boolean][] = [
    ['school default 08:00–20:00 at UTC+5 (03:00–15:00 UTC)', SCHOOL_HOURS, true],
    ['08:30–13:00 at UTC+5: starts at 03:30 UTC', { ...SCHOOL_HOURS, from: '08:30', to: '13:00' }, false],
    ['08:00–20:00 at UTC+5:30 (India): 02:30–14:30 UTC', { ...SCHOOL_HOURS, utcOffsetMin: 330 }, false],
    ['08:30–20:30 at UTC+5:30: 03:00–15:00 UTC', { ...SCHOOL_HOURS, from: '08:30', to: '20:30', utcOffsetMin: 330 }, true],
    ['09:00–24:00 at UTC−3: 12:00–03:00 UTC', { ...SCHOOL_HOURS, from: '09:00', to: '24:00', utcOffsetMin: -180 }, true],
    ['09:00–12:45 at UTC−3', { ...SCHOOL_HOURS, from: '09:00', to: '12:45', utcOffsetMin: -180 }, false],
  ];
  for (const [name, s, want] of cases) it(name, () => expect(hourAligned(s)).toBe(want));
});

describe('schedulePlan: whole school hours from rollups, the rest raw', () => {
  const iso = (xs: { from: number; to: number }[]) => xs.map((x) => [new Date(x.from).toISOString(), new Date(x.to).toISOString()]);

  it('the week rolled up to Thursday 10:20 Almaty: Mon–Wed and Thu 08–10 from rollups; Thu 10–20 and Fri raw', () => {
    const p = schedulePlan(SCHOOL_HOURS, WEEK, almaty(2026, 3, 5, 10, 20));
    expect(iso(p.hours)).toEqual([
      ['2026-03-02T03:00:00.000Z', '2026-03-02T15:00:00.000Z'],
      ['2026-03-03T03:00:00.000Z', '2026-03-03T15:00:00.000Z'],
      ['2026-03-04T03:00:00.000Z', '2026-03-04T15:00:00.000Z'],
      ['2026-03-05T03:00:00.000Z', '2026-03-05T05:00:00.000Z'],
    ]);
    expect(iso(p.raw)).toEqual([
      ['2026-03-05T05:00:00.000Z', '2026-03-05T15:00:00.000Z'],
      ['2026-03-06T03:00:00.000Z', '2026-03-06T15:00:00.000Z'],
    ]);
  });

  it('a window starting Tuesday 09:15 Almaty reads 09:15–10:00 raw, the rest of the week from rollups', () => {
    const p = schedulePlan(SCHOOL_HOURS, { from: almaty(2026, 3, 3, 9, 15), to: WEEK.to }, WEEK.to);
    expect(iso(p.raw)).toEqual([['2026-03-03T04:15:00.000Z', '2026-03-03T05:00:00.000Z']]);
    expect(p.hours.length).toBe(4);
    expect(p.hours[0]!.from).toBe(almaty(2026, 3, 3, 10));
    // 45 min raw + 10 h Tue + 3 × 12 h = 46 h 45 min: the schedule's time in the window, nothing lost.
    const total = [...p.hours, ...p.raw].reduce((t, x) => t + x.to - x.from, 0);
    expect(total).toBe(46 * H + 45 * MIN);
  });

  it('nothing rolled up yet: every school day raw', () => {
    const p = schedulePlan(SCHOOL_HOURS, WEEK, null);
    expect(p.hours).toEqual([]);
    expect(p.raw).toEqual(scheduleSpans(SCHOOL_HOURS, WEEK));
  });

  it('a 24 h, 7-day schedule is one span of hours', () => {
    const p = schedulePlan({ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00', utcOffsetMin: 300 }, WEEK, WEEK.to);
    expect(p).toEqual({ hours: [WEEK], raw: [] });
  });
});
