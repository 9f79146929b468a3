import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  costCurve, makeItem, rankItems, selectWithinBudget, type PortfolioFacility,
} from '../../server/src/portfolio/portfolio.ts';

const fac = (facilityId: string, kind: string, admin1Id: string, costKzt: number, beneficiaries: number, multiplier: number): PortfolioFacility =>
  ({ facilityId, kind, admin1Id, admin2Id: `${admin1Id}01`, costKzt, beneficiaries, multiplier });

// Two villages on shared trenches and two single facilities (costs already allocated, KZT):
//   V1: school 3.0 M (100 pupils+staff, lit village ×1.2 → 120) + FAP 1.0 M (200 served ×1.2 → 240)
//       → 4.0 M, weighted 360, score 360 / 4.0 = 90 per million KZT
//   V2: school 6.0 M (150, ×1.0) + library 2.0 M (90, ×1.0) → 8.0 M, weighted 240, score 30
//   H3: health point on LTE 0.5 M (40 served, satellite today ×0.6 → 24) → score 48
//   S4: school on satellite 2.0 M (50, ×1.0) → score 50 / 2.0 = 25
// Ranked: V1 (90), H3 (48), V2 (30), S4 (25).
const items = [
  makeItem('cluster:V1', [fac('s1', 'school', 'KZ10', 3e6, 100, 1.2), fac('f1', 'health', 'KZ10', 1e6, 200, 1.2)]),
  makeItem('cluster:V2', [fac('s2', 'school', 'KZ11', 6e6, 150, 1), fac('l2', 'library', 'KZ11', 2e6, 90, 1)]),
  makeItem('facility:H3', [fac('h3', 'health', 'KZ10', 0.5e6, 40, 0.6)]),
  makeItem('facility:S4', [fac('s4', 'school', 'KZ11', 2e6, 50, 1)]),
];
const ranked = rankItems(items);

describe('portfolio under a budget (hand-worked)', () => {
  it('ranks clusters and single facilities by score', () => {
    expect(ranked.map((i) => i.id)).toEqual(['cluster:V1', 'facility:H3', 'cluster:V2', 'facility:S4']);
    expect(ranked.map((i) => i.score)).toEqual([90, 48, 30, 25].map((x) => expect.closeTo(x, 9)));
  });

  it('a budget of 12.5 M admits exactly V1, H3 and V2', () => {
    // 12.5 − 4.0 (V1) = 8.5 − 0.5 (H3) = 8.0 − 8.0 (V2) = 0: S4 (2.0) no longer fits.
    const s = selectWithinBudget(ranked, 12.5e6);
    expect(s.chosen.map((i) => i.id)).toEqual(['cluster:V1', 'facility:H3', 'cluster:V2']);
    expect(s.facilityIds).toEqual(['s1', 'f1', 'h3', 's2', 'l2']);
    expect(s.totalCostKzt).toBe(12.5e6);
    expect(s.beneficiaries).toBe(100 + 200 + 40 + 150 + 90); // 580
    expect(s.byKind).toEqual({
      school: { facilities: 2, beneficiaries: 250, costKzt: 9e6 },
      health: { facilities: 2, beneficiaries: 240, costKzt: 1.5e6 },
      library: { facilities: 1, beneficiaries: 90, costKzt: 2e6 },
    });
    expect(s.byRegion).toEqual({
      KZ10: { facilities: 3, beneficiaries: 340, costKzt: 4.5e6 },
      KZ11: { facilities: 2, beneficiaries: 240, costKzt: 8e6 },
    });
  });

  it('a shared trench is bought whole or not at all; a cheaper item further down uses the money', () => {
    // 12.4 M: V1 (8.4 left), H3 (7.9 left), V2 needs 8.0 → skipped whole, S4 2.0 → 5.9 left.
    const s = selectWithinBudget(ranked, 12.4e6);
    expect(s.chosen.map((i) => i.id)).toEqual(['cluster:V1', 'facility:H3', 'facility:S4']);
    expect(s.totalCostKzt).toBe(6.5e6);
    expect(s.beneficiaries).toBe(390);
  });

  it('one pass gives the cost–beneficiaries curve from zero to connect-all', () => {
    expect(costCurve(ranked).map((p) => [p.costKzt, p.beneficiaries])).toEqual([
      [0, 0], [4e6, 300], [4.5e6, 340], [12.5e6, 580], [14.5e6, 630],
    ]);
  });

  it('a zero budget buys nothing; the full cost buys everything', () => {
    expect(selectWithinBudget(ranked, 0).chosen).toEqual([]);
    expect(selectWithinBudget(ranked, 14.5e6).facilityIds).toHaveLength(6);
  });
});

const facilityArb = (multiplier: fc.Arbitrary<number>) =>
  fc.record({
    cost: fc.integer({ min: 1, max: 1_000_000 }),
    ben: fc.integer({ min: 0, max: 5_000 }),
    mult: multiplier,
    kind: fc.constantFrom('school', 'health', 'library'),
  });
const itemsArb = (multiplier: fc.Arbitrary<number>) =>
  fc.array(fc.array(facilityArb(multiplier), { minLength: 1, maxLength: 4 }), { minLength: 0, maxLength: 25 }).map((groups) =>
    rankItems(groups.map((g, i) => makeItem(`i${i}`, g.map((f, j) => fac(`f${i}.${j}`, f.kind, 'KZ10', f.cost, f.ben, f.mult))))),
  );

describe('portfolio invariants (fast-check)', () => {
  it('never spends more than the budget', () => {
    fc.assert(fc.property(itemsArb(fc.constantFrom(0.4, 0.6, 1, 1.2, 1.56)), fc.integer({ min: 0, max: 30_000_000 }), (r, budget) => {
      expect(selectWithinBudget(r, budget).totalCostKzt).toBeLessThanOrEqual(budget);
    }));
  });

  it('priority-weighted beneficiaries never fall as the budget grows', () => {
    fc.assert(fc.property(itemsArb(fc.constantFrom(0.4, 0.6, 1, 1.2, 1.56)), fc.integer({ min: 0, max: 30_000_000 }), fc.integer({ min: 0, max: 5_000_000 }), (r, b, extra) => {
      const small = selectWithinBudget(r, b).weighted;
      const big = selectWithinBudget(r, b + extra).weighted;
      expect(big).toBeGreaterThanOrEqual(small - 1e-6 * Math.max(1, small));
    }));
  });

  it('with equal multipliers, beneficiaries never fall as the budget grows', () => {
    fc.assert(fc.property(itemsArb(fc.constant(1)), fc.integer({ min: 0, max: 30_000_000 }), fc.integer({ min: 0, max: 5_000_000 }), (r, b, extra) => {
      expect(selectWithinBudget(r, b + extra).beneficiaries).toBeGreaterThanOrEqual(selectWithinBudget(r, b).beneficiaries);
    }));
  });

  it('the curve rises in cost and beneficiaries, and each point is what the greedy buys there', () => {
    fc.assert(fc.property(itemsArb(fc.constantFrom(0.5, 1, 1.3)), (r) => {
      const curve = costCurve(r);
      for (let i = 1; i < curve.length; i++) {
        expect(curve[i]!.costKzt).toBeGreaterThanOrEqual(curve[i - 1]!.costKzt);
        expect(curve[i]!.beneficiaries).toBeGreaterThanOrEqual(curve[i - 1]!.beneficiaries);
        expect(selectWithinBudget(r, curve[i]!.costKzt).beneficiaries).toBeGreaterThanOrEqual(curve[i]!.beneficiaries);
      }
    }));
  });
});
