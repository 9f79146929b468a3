// TCO = capex + opex × PVIFA(r, T), PVIFA = (1 − (1 + r)^−T) / r.
import { describe, expect, it } from 'vitest';
import { pvifa, tco } from '../../server/src/planning/tco.ts';

describe('pvifa', () => {
  it('is (1 − 1.05^−5)/0.05 = (1 − 0.7835262)/0.05 = 4.3294767 at 5 %, 5 years', () => {
    expect(pvifa(0.05, 5)).toBeCloseTo(4.3294767, 7);
  });
  it('is T years when money costs nothing', () => {
    expect(pvifa(0, 7)).toBe(7);
  });
  it('is 1/(1.1) = 0.9090909 for one year at 10 %', () => {
    expect(pvifa(0.1, 1)).toBeCloseTo(0.9090909, 7);
  });
});

describe('tco', () => {
  it('adds discounted opex to capex: 800 + 208 × 4.3294767 = 1,700.53', () => {
    expect(tco(800, 208, 0.05, 5)).toBeCloseTo(1700.531, 3);
  });
});
