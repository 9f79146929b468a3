import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  costPercentiles, DEFAULT_RANGES, drawUnitCosts, evaluate, linearise, percentilesInPlace, sumLinear,
} from '../../server/src/portfolio/monte-carlo.ts';
import { mulberry32, triangular } from '../../server/src/prng.ts';

describe('seeded PRNG', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const a = mulberry32(42), b = mulberry32(42), c = mulberry32(43);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('triangular inverse CDF hits min, mode and max at u = 0, split and → 1', () => {
    // Triangular(5000, 8000, 20000): split = (8000 − 5000) / 15000 = 0.2.
    expect(triangular(() => 0, 5000, 8000, 20000)).toBe(5000);
    expect(triangular(() => 0.2, 5000, 8000, 20000)).toBeCloseTo(8000, 6);
    // u = 0.6: 20000 − √(0.4 × 15000 × 12000) = 20000 − √72e6 = 20000 − 8485.28 = 11514.72
    expect(triangular(() => 0.6, 5000, 8000, 20000)).toBeCloseTo(11514.72, 2);
  });
});

describe('percentiles (type 7)', () => {
  it('of 1..10 are 1.9, 5.5 and 9.1', () => {
    // h = 9p: P10 h = 0.9 → 1 + 0.9 = 1.9; P50 h = 4.5 → 5.5; P90 h = 8.1 → 9 + 0.1 = 9.1
    expect(percentilesInPlace(Float64Array.from([10, 3, 1, 2, 9, 8, 7, 6, 5, 4]))).toEqual({ p10: 1.9, p50: 5.5, p90: expect.closeTo(9.1, 12) });
  });
});

describe('percentiles by selection', () => {
  it('equal type-7 percentiles of the sorted values (fast-check)', () => {
    const bySort = (xs: number[]) => {
      const a = [...xs].sort((x, y) => x - y);
      const at = (p: number) => {
        const h = (a.length - 1) * p, lo = Math.floor(h);
        return a[lo]! + (h - lo) * (a[Math.min(lo + 1, a.length - 1)]! - a[lo]!);
      };
      return { p10: at(0.1), p50: at(0.5), p90: at(0.9) };
    };
    fc.assert(fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 300 }), (xs) => {
      const got = percentilesInPlace(Float64Array.from(xs));
      const want = bySort(xs);
      expect(got.p10).toBeCloseTo(want.p10, 9);
      expect(got.p50).toBeCloseTo(want.p50, 9);
      expect(got.p90).toBeCloseTo(want.p90, 9);
    }), { numRuns: 500 });
  });
});

describe('linear costs', () => {
  it('reduce a drop cost to constant + coefficients', () => {
    // capex = 500 + perKm × 2.5 km; TCO = capex × (1 + 0.05 × 4) + opexPerMbps × 20 × 4
    const f = (u: readonly number[]) => (500 + u[0]! * 2.5) * 1.2 + u[1]! * 80;
    const c = linearise(f, [8000, 3]);
    expect(c.constant).toBeCloseTo(600, 9);
    expect([...c.coef]).toEqual([expect.closeTo(3, 9), expect.closeTo(80, 9)]);
    expect(evaluate(c, [10000, 2])).toBeCloseTo(f([10000, 2]), 9);
    const both = sumLinear([c, c], 2);
    expect(both.constant).toBeCloseTo(1200, 9);
  });

  it('refuse a cost that is not linear (e.g. one that re-picks the technology)', () => {
    expect(() => linearise((u) => Math.min(u[0]! * 2, 20000), [8000], 'facility x')).toThrow(/facility x: it is not linear/);
  });
});

describe('Monte Carlo', () => {
  it('gives the same percentiles for the same seed (fast-check)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.double({ min: 0, max: 50, noNaN: true }), (seed, km) => {
      const c = linearise((u) => 500 + u[0]! * km + u[2]!, DEFAULT_RANGES.map((r) => r.mode));
      const one = costPercentiles(c, drawUnitCosts(DEFAULT_RANGES, 200, seed), 3);
      const two = costPercentiles(c, drawUnitCosts(DEFAULT_RANGES, 200, seed), 3);
      expect(two).toEqual(one);
      expect(one.p10).toBeLessThanOrEqual(one.p50);
      expect(one.p50).toBeLessThanOrEqual(one.p90);
    }), { numRuns: 50 });
  });

  it('stays inside the ranges and centres near the triangular median', () => {
    const draws = drawUnitCosts(DEFAULT_RANGES, 20000, 7);
    const perKm = Float64Array.from({ length: 20000 }, (_, s) => draws[s * 3]!);
    for (const x of perKm) expect(x >= 5000 && x <= 20000).toBe(true);
    // Median of Triangular(5000, 8000, 20000): above the mode, 20000 − √(0.5 × 15000 × 12000) = 10513.2
    expect(percentilesInPlace(perKm).p50).toBeGreaterThan(10300);
    expect(percentilesInPlace(perKm).p50).toBeLessThan(10700);
  });
});
