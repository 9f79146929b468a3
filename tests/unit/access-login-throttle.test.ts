// The sign-in delay schedule (login-throttle.ts waitMs), worked by hand: `free` failures cost
// nothing, then each further one doubles the wait from 1 s up to 15 min; a counter idle for the
// reset window starts over.
import { describe, expect, it } from 'vitest';
import { MAX_WAIT_MS, waitMs } from '../../server/src/access/login-throttle.ts';

const RESET = 15 * 60_000;
const T = 1_000_000;

describe('waitMs', () => {
  it('is zero below the free failures', () => {
    for (let f = 0; f < 5; f++) expect(waitMs(f, T, T, 5, RESET)).toBe(0);
  });
  it('doubles from 1 s after the free failures, counted from the last failure', () => {
    expect(waitMs(5, T, T, 5, RESET)).toBe(1000);
    expect(waitMs(6, T, T, 5, RESET)).toBe(2000);
    expect(waitMs(9, T, T, 5, RESET)).toBe(16_000);
    expect(waitMs(9, T, T + 10_000, 5, RESET)).toBe(6000); // 16 s − 10 s already waited
    expect(waitMs(9, T, T + 16_000, 5, RESET)).toBe(0);
  });
  it('never exceeds 15 minutes, and a counter idle for the window is forgotten', () => {
    expect(waitMs(60, T, T, 5, RESET)).toBe(MAX_WAIT_MS);
    expect(waitMs(60, T, T + RESET, 5, RESET)).toBe(0);
  });
});
