// Report windows in Kazakhstan time, MTTR, and spreadsheet-safe CSV.
import { describe, expect, it } from 'vitest';
import { mttrS, reportSpan, type OutageRow } from '../../server/src/monitoring/reports.ts';
import { monthOf, monthSpan, windowSpan } from '../../server/src/monitoring/windows.ts';

describe('windows', () => {
  it('a calendar month runs from midnight in Kazakhstan (UTC+5)', () => {
    // 1 March 2026 00:00 +05 = 28 Feb 19:00 UTC; 1 April 00:00 +05 = 31 March 19:00 UTC.
    expect(monthSpan('2026-03')).toEqual({ from: Date.UTC(2026, 1, 28, 19), to: Date.UTC(2026, 2, 31, 19) });
    expect(monthOf(Date.UTC(2026, 1, 28, 19, 30))).toBe('2026-03'); // already March in Astana
    expect(() => monthSpan('2026-13')).toThrow(/2026-03/);
  });
  it('rolling windows end now; a month not begun is empty', () => {
    const now = Date.UTC(2026, 2, 10);
    expect(windowSpan('7d', now)).toEqual({ from: now - 7 * 86_400_000, to: now });
    expect(reportSpan({ month: '2026-05' }, now)).toEqual({ from: monthSpan('2026-05').from, to: monthSpan('2026-05').from });
    expect(reportSpan({ month: '2026-03' }, now).to).toBe(now);
  });
});

describe('MTTR', () => {
  it('is the mean duration of closed outages that started in the span', () => {
    const o = (start: number, end: number | null, d: number): OutageRow => ({
      id: start, startedAt: new Date(start).toISOString(), endedAt: end === null ? null : new Date(end).toISOString(),
      durationS: d, cause: 'unreachable', lastGoodAt: null, estimated: false,
    });
    // 600 s and 1800 s closed in the span → 1200; the open one and the one started before are left out.
    expect(mttrS([o(1000, 601_000, 600), o(2000, 1_802_000, 1800), o(3000, null, 99), o(-5000, 5000, 10)], { from: 0, to: 10_000_000 })).toBe(1200);
    expect(mttrS([], { from: 0, to: 1 })).toBeNull();
  });
});
