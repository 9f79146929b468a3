// Stale is a state (issue 12): past 3 intervals without a poll, a site has "no recent data".
import { describe, expect, it } from 'vitest';
import { currentStatus, dataAgeS, noRecentData, STALE_AFTER_INTERVALS } from '../../server/src/monitoring/rules/freshness.ts';

const NOW = Date.UTC(2026, 10, 30, 5, 0, 0);

describe('freshness', () => {
  it('is 3 intervals', () => expect(STALE_AFTER_INTERVALS).toBe(3));
  it.each([
    // [seconds since the last poll, interval s, no recent data?]
    [59, 60, false],
    [180, 60, false], // exactly 3 intervals: still recent
    [181, 60, true],
    [31, 10, true], // 3 × 10 s
    [30, 10, false],
  ])('last poll %d s ago at a %d s interval → no recent data: %s', (age, interval, want) => {
    expect(noRecentData(new Date(NOW - age * 1000), interval, NOW)).toBe(want);
  });
  it('a site never polled has no recent data and no age', () => {
    expect(noRecentData(null, 60, NOW)).toBe(true);
    expect(dataAgeS(null, NOW)).toBeNull();
  });
  it('the last known status is shown only while it is recent', () => {
    expect(currentStatus('up', NOW - 120_000, 60, NOW)).toBe('up');
    expect(currentStatus('up', NOW - 600_000, 60, NOW)).toBe('unknown');
    expect(currentStatus('down', new Date(NOW - 600_000).toISOString(), 60, NOW)).toBe('unknown');
  });
});
