// availability() against a brute-force reference that classifies every second of the window on
// its own, for random samples, maintenance and down spans (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availability, type Span } from '../../server/src/monitoring/rules/availability.ts';
import type { PollClass } from '../../server/src/monitoring/rules/poll-outcome.ts';

const S = 1000;
type Sample = { at: number; cls: PollClass };

/** Second by second: maintenance? down span? else the latest sample if it still stands. */
function reference(samples: Sample[], w: Span, intervalMs: number, down: Span[], maint: Span[]) {
  const r = { up: 0, down: 0, unknown: 0, maint: 0 };
  const within = (t: number, spans: Span[]) => spans.some((s) => s.from <= t && t < s.to);
  for (let t = w.from; t < w.to; t += S) {
    if (within(t, maint)) { r.maint += S; continue; }
    if (within(t, down)) { r.down += S; continue; }
    const last = [...samples].reverse().find((s) => s.at <= t);
    const cls = last && t < last.at + 2 * intervalMs ? last.cls : 'unknown';
    r[cls === 'up' ? 'up' : cls === 'down' ? 'down' : 'unknown'] += S;
  }
  return r;
}

const span = fc.tuple(fc.integer({ min: -20, max: 120 }), fc.integer({ min: 1, max: 40 })).map(([a, len]) => ({ from: a * S, to: (a + len) * S }));

describe('availability matches a second-by-second reference', () => {
  it('for random inputs', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -30, max: 130 }), { maxLength: 30 }),
        fc.array(fc.constantFrom<PollClass>('up', 'down', 'unknown'), { minLength: 30, maxLength: 30 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(span, { maxLength: 3 }),
        fc.array(span, { maxLength: 3 }),
        (times, classes, intervalS, down, maint) => {
          const samples = [...times].sort((a, b) => a - b).map((t, i) => ({ at: t * S, cls: classes[i]! }));
          const w = { from: 0, to: 100 * S };
          const got = availability({ samples, window: w, intervalMs: intervalS * S, downSpans: down, maintenance: maint });
          const ref = reference(samples, w, intervalS * S, down, maint);
          expect([got.upMs, got.downMs, got.unknownMs, got.maintenanceMs]).toEqual([ref.up, ref.down, ref.unknown, ref.maint]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
