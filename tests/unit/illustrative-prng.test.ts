import { describe, expect, it } from 'vitest';
import { mulberry32, rngFor } from '../../scripts/illustrative/prng.ts';

describe('illustrative PRNG', () => {
  it('repeats a sequence for a seed and differs for another', () => {
    const a = mulberry32(42), b = mulberry32(42), c = mulberry32(43);
    const sa = Array.from({ length: 5 }, a), sb = Array.from({ length: 5 }, b), sc = Array.from({ length: 5 }, c);
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('draws floats in [0, 1) with a mean near 1/2', () => {
    const next = mulberry32(7);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    // standard error of the mean of U(0,1) over 20,000 draws is 0.002; allow 5 of them
    expect(Math.abs(sum / 20_000 - 0.5)).toBeLessThan(0.01);
  });

  it('keeps one stream per (seed, purpose, key), independent of other draws', () => {
    const first = rngFor(1, 'connection', 'ill-school-1-1').next();
    rngFor(1, 'connection', 'ill-school-2-1').next();
    expect(rngFor(1, 'connection', 'ill-school-1-1').next()).toBe(first);
    expect(rngFor(1, 'position', 'ill-school-1-1').next()).not.toBe(first);
  });

  it('picks keys in proportion to their shares and never a zero share', () => {
    const rng = rngFor(3, 'pick', 'x');
    const seen = { a: 0, b: 0, z: 0 };
    for (let i = 0; i < 10_000; i++) seen[rng.pick({ a: 0.75, b: 0.25, z: 0 })]++;
    expect(seen.z).toBe(0);
    // expected 7,500 ± 43 (binomial sd); allow ~5 sd
    expect(Math.abs(seen.a - 7500)).toBeLessThan(220);
  });

  it('draws integers over the whole inclusive range', () => {
    const rng = rngFor(5, 'int', 'y');
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(2019, 2024));
    expect([...seen].sort()).toEqual([2019, 2020, 2021, 2022, 2023, 2024]);
  });
});
