import { describe, expect, it } from 'vitest';
import { apportion, dhondt } from '../../scripts/illustrative/apportion.ts';

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

describe('apportion (one each, then D\'Hondt)', () => {
  it('gives one each, then the rest by weight / (units + 1)', () => {
    // A 1000, B 500, C 100, total 5: one each (3 left 2).
    // 4th: quotients A 1000/2 = 500, B 500/2 = 250, C 100/2 = 50 → A (2 units)
    // 5th: A 1000/3 = 333, B 250, C 50 → A (3 units)
    const m = apportion([{ id: 'A', weight: 1000 }, { id: 'B', weight: 500 }, { id: 'C', weight: 100 }], 5);
    expect(Object.fromEntries(m)).toEqual({ A: 3, B: 1, C: 1 });
  });

  it('gives the heaviest one each when the total is smaller than the claimants', () => {
    const m = apportion([{ id: 'A', weight: 10 }, { id: 'B', weight: 30 }, { id: 'C', weight: 20 }], 2);
    expect(Object.fromEntries(m)).toEqual({ B: 1, C: 1 });
  });

  it('breaks equal quotients by the lower id', () => {
    const m = apportion([{ id: 'b', weight: 100 }, { id: 'a', weight: 100 }], 3);
    expect(Object.fromEntries(m)).toEqual({ a: 2, b: 1 });
  });

  it('always sums to the total', () => {
    const claimants = Array.from({ length: 50 }, (_, i) => ({ id: `s${i}`, weight: (i * 7919) % 1000 }));
    for (const total of [0, 1, 49, 50, 51, 777]) expect(sum(apportion(claimants, total))).toBe(total);
  });

  it('fails loudly when there is a total and nobody to take it', () => {
    expect(() => apportion([], 3)).toThrow(/no eligible claimant/);
    expect(() => apportion([{ id: 'a', weight: 1 }], -1)).toThrow(/not a count/);
  });

  it('continues from a starting allocation (D\'Hondt with seats already held)', () => {
    // X holds 1 of weight 900, Y holds 0 of weight 400: quotients X 900/2 = 450, Y 400/1 = 400 → X;
    // then X 900/3 = 300, Y 400 → Y.
    const m = dhondt([{ id: 'X', weight: 900 }, { id: 'Y', weight: 400 }], new Map([['X', 1]]), 2);
    expect(Object.fromEntries(m)).toEqual({ X: 2, Y: 1 });
  });
});
