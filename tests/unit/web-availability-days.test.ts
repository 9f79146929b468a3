// Per-day availability from outages (the facility panel's 30-day chart), hand-worked.
import { describe, expect, it } from 'vitest';
import { dailyAvailability, observedMonthMs, slaRatio } from '../../web/src/panels/availability-days.ts';

const DAY = 86_400_000;
const H = 3_600_000;
// "Now" is 12:00 UTC on day 100 since the epoch.
const now = 100 * DAY + 12 * H;

describe('dailyAvailability', () => {
  it('is 1 for every day without outages, oldest first', () => {
    const days = dailyAvailability([], now, 3);
    expect(days.map((d) => d.dayStartMs)).toEqual([98 * DAY, 99 * DAY, 100 * DAY]);
    expect(days.map((d) => d.availability)).toEqual([1, 1, 1]);
  });

  it('splits an outage across midnight: 22:00 day 98 → 04:00 day 99 is 2 h and 4 h down', () => {
    const days = dailyAvailability([{ startMs: 98 * DAY + 22 * H, endMs: 99 * DAY + 4 * H }], now, 3);
    // Day 98: 1 − 2/24 = 0.91667; day 99: 1 − 4/24 = 0.83333; day 100 untouched.
    expect(days[0]!.availability).toBeCloseTo(1 - 2 / 24, 12);
    expect(days[1]!.availability).toBeCloseTo(1 - 4 / 24, 12);
    expect(days[2]!.availability).toBe(1);
  });

  it('counts an open outage until now, and today only up to now', () => {
    // Down since 09:00 today; 12 h of today have passed: 1 − 3/12 = 0.75.
    const [today] = dailyAvailability([{ startMs: 100 * DAY + 9 * H, endMs: null }], now, 1);
    expect(today!.availability).toBeCloseTo(0.75, 12);
  });

  it('does not count overlapping outages twice', () => {
    // 01:00–03:00 and 02:00–05:00 overlap: 4 h down in all, 1 − 4/24.
    const days = dailyAvailability([
      { startMs: 99 * DAY + 1 * H, endMs: 99 * DAY + 3 * H },
      { startMs: 99 * DAY + 2 * H, endMs: 99 * DAY + 5 * H },
    ], now, 2);
    expect(days[0]!.availability).toBeCloseTo(1 - 4 / 24, 12);
  });
});

describe('slaRatio', () => {
  it('reads a percentage as a ratio and leaves a ratio alone', () => {
    expect(slaRatio(99)).toBeCloseTo(0.99, 12);
    expect(slaRatio(99.5)).toBeCloseTo(0.995, 12);
    expect(slaRatio(0.98)).toBe(0.98);
    expect(slaRatio(null)).toBeNull();
  });
});

describe('observedMonthMs', () => {
  it('turns the share of the month so far into time, the month starting at midnight in Kazakhstan (UTC+5)', () => {
    // 30 Nov 07:45 UTC = 30 Nov 12:45 in Kazakhstan; the month began 31 Oct 19:00 UTC: 29 d 12 h 45 min ago.
    const now = Date.parse('2026-11-30T07:45:00Z');
    const sinceStart = now - Date.parse('2026-10-31T19:00:00Z');
    expect(observedMonthMs(1, now)).toBe(sinceStart);
    // 0.03 % of it is about 12.8 minutes, which "0,0 %" would hide.
    expect(Math.round(observedMonthMs(0.0003, now) / 60_000)).toBe(13);
  });
  it('starts a new month at 19:00 UTC on the last day of the previous one', () => {
    expect(observedMonthMs(1, Date.parse('2026-11-30T19:30:00Z'))).toBe(30 * 60_000);
  });
});
