// Time-weighted availability, hand-worked. Times in minutes (M) from 0; interval 1 min, cap 2 min.
import { describe, expect, it } from 'vitest';
import { availability, combine } from '../../server/src/monitoring/rules/availability.ts';
import { pollClass } from '../../server/src/monitoring/rules/poll-outcome.ts';

const M = 60_000;
const w = { from: 0, to: 10 * M };

describe('poll outcome', () => {
  it('counts errors and admin down as unknown, never down', () => {
    expect(pollClass({ outcome: 'error', ifAdminStatus: null })).toBe('unknown');
    expect(pollClass({ outcome: 'link_down', ifAdminStatus: 2 })).toBe('unknown');
    expect(pollClass({ outcome: 'link_down', ifAdminStatus: 1 })).toBe('down');
    expect(pollClass({ outcome: 'unreachable', ifAdminStatus: null })).toBe('down');
  });
});

describe('availability', () => {
  it('every minute up: 100 %, full coverage', () => {
    const samples = Array.from({ length: 10 }, (_, i) => ({ at: i * M, cls: 'up' as const }));
    const a = availability({ samples, window: w, intervalMs: M });
    expect(a).toMatchObject({ upMs: 10 * M, downMs: 0, unknownMs: 0, availability: 1, coverage: 1 });
  });

  it('a sample stands at most 2 × interval; the rest is unknown, not down', () => {
    // up at 0 stands [0,2); down at 5 stands [5,7); up at 8 stands [8,10).
    // up = 2 + 2 = 4 min, down = 2 min, unknown = [2,5) + [7,8) = 4 min.
    const a = availability({ samples: [{ at: 0, cls: 'up' }, { at: 5 * M, cls: 'down' }, { at: 8 * M, cls: 'up' }], window: w, intervalMs: M });
    expect(a.upMs).toBe(4 * M);
    expect(a.downMs).toBe(2 * M);
    expect(a.unknownMs).toBe(4 * M);
    expect(a.availability).toBeCloseTo(4 / 6, 12); // up / known
    expect(a.coverage).toBeCloseTo(6 / 10, 12); // known / window
  });

  it('a sample before the window stands into it', () => {
    // up at −1 min stands until +1 min → 1 min of the window up; the rest unknown.
    const a = availability({ samples: [{ at: -M, cls: 'up' }], window: w, intervalMs: M });
    expect(a).toMatchObject({ upMs: M, unknownMs: 9 * M, availability: 1, coverage: 0.1 });
  });

  it('error polls are unknown time', () => {
    const samples = Array.from({ length: 10 }, (_, i) => ({ at: i * M, cls: (i < 5 ? 'up' : 'unknown') as 'up' | 'unknown' }));
    const a = availability({ samples, window: w, intervalMs: M });
    expect(a).toMatchObject({ upMs: 5 * M, downMs: 0, unknownMs: 5 * M, availability: 1, coverage: 0.5 });
  });

  it('maintenance leaves both numerator and denominator; estimated down spans override up', () => {
    // Up every minute. Maintenance [2,4) removed (2 min). A reboot span [6,7) counts down.
    // up = 10 − 2 − 1 = 7, down = 1 → 7/8; coverage 8/8.
    const samples = Array.from({ length: 10 }, (_, i) => ({ at: i * M, cls: 'up' as const }));
    const a = availability({
      samples, window: w, intervalMs: M,
      maintenance: [{ from: 2 * M, to: 4 * M }], downSpans: [{ from: 6 * M, to: 7 * M }],
    });
    expect(a).toMatchObject({ upMs: 7 * M, downMs: M, maintenanceMs: 2 * M, availability: 7 / 8, coverage: 1 });
  });

  it('overlapping maintenance and down spans: maintenance wins, each minute is counted once', () => {
    // Up every minute. Maintenance [1,3) and [2,4) merge to [1,4). Down spans [3,6) and [5,7)
    // merge to [3,7), minus maintenance → [4,7). up = 10 − 3 − 3 = 4, down = 3 → 4/7.
    const samples = Array.from({ length: 10 }, (_, i) => ({ at: i * M, cls: 'up' as const }));
    const a = availability({
      samples, window: w, intervalMs: M,
      maintenance: [{ from: 2 * M, to: 4 * M }, { from: 1 * M, to: 3 * M }],
      downSpans: [{ from: 5 * M, to: 7 * M }, { from: 3 * M, to: 6 * M }],
    });
    expect(a).toMatchObject({ upMs: 4 * M, downMs: 3 * M, maintenanceMs: 3 * M, unknownMs: 0, availability: 4 / 7 });
  });

  it('a down span over unknown time makes it known down time', () => {
    // Samples only at 0 (stands [0,2)); down span [5,6) → up 2, down 1, unknown 7.
    const a = availability({ samples: [{ at: 0, cls: 'up' }], window: w, intervalMs: M, downSpans: [{ from: 5 * M, to: 6 * M }] });
    expect(a).toMatchObject({ upMs: 2 * M, downMs: M, unknownMs: 7 * M });
  });

  it('nothing known: availability and coverage say so', () => {
    expect(availability({ samples: [], window: w, intervalMs: M })).toMatchObject({ availability: null, coverage: 0 });
  });

  it('groups combine as total up / total known, not the mean of ratios', () => {
    // Site A: 9 up of 10 known; site B: 1 up of 2 known → 10 / 12, not (0.9 + 0.5) / 2.
    const a = { upMs: 9, downMs: 1, unknownMs: 0, maintenanceMs: 0, availability: 0.9, coverage: 1 };
    const b = { upMs: 1, downMs: 1, unknownMs: 8, maintenanceMs: 0, availability: 0.5, coverage: 0.2 };
    expect(combine([a, b]).availability).toBeCloseTo(10 / 12, 12);
    expect(combine([a, b]).coverage).toBeCloseTo(12 / 20, 12);
  });
});
