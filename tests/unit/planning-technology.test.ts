// Technology options and the recommendation, by hand, then properties over random inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseParameters, type Parameters } from '../../server/src/planning/parameters.ts';
import { fibreAccess, recommend, technologyOptions, type TechnologyInput } from '../../server/src/planning/technology.ts';

const P = parseParameters();
const input: TechnologyInput = {
  demandMbps: 20, popDistanceM: null, routeDistanceM: 1000, roadPathPopM: null, roadPathSpliceM: null, mobileTechnology: null, regionMultiplier: 1,
};
const byTech = (i: TechnologyInput, p: Parameters = P) => Object.fromEntries(technologyOptions(i, p).map((o) => [o.technology, o]));

describe('technologyOptions (defaults; PVIFA 4.3294767)', () => {
  it('costs a fibre drop from a mid-span splice: path 1000 × 1.2 = 1200 m', () => {
    // capex 500 + 8000 × 1.2 + 400 = 10,500; opex 0.05 × 10,500 + 3 × 20 = 585; TCO 10,500 + 585 × 4.3294767 = 13,032.74
    expect(byTech(input).fibre).toMatchObject({ feasible: true, capexUsd: 10500, opexUsdPerYear: 585, tcoUsd: 13032.74, fibre: { accessPoint: 'splice', pathM: 1200, pathMethod: 'route_factor' } });
  });
  it('says why radio and LTE are infeasible, and costs satellite: 800 + 208 × 4.3294767 = 1,700.53', () => {
    const o = byTech(input);
    expect(o.radio).toMatchObject({ feasible: false, reason: 'no fibre PoP to link to' });
    expect(o.lte).toMatchObject({ feasible: false, reason: 'outside mobile coverage' });
    expect(o.satellite).toMatchObject({ feasible: true, capexUsd: 800, opexUsdPerYear: 208, tcoUsd: 1700.53 });
    const rec = recommend(technologyOptions(input, P));
    expect(rec.recommendation.technology).toBe('satellite');
    expect(rec.whyOthersLost).toEqual([
      { technology: 'fibre', reason: 'costlier', message: 'TCO 13032.74 USD is 11332.21 USD more than satellite' },
      { technology: 'radio', reason: 'infeasible', message: 'no fibre PoP to link to' },
      { technology: 'lte', reason: 'infeasible', message: 'outside mobile coverage' },
    ]);
  });
  it('applies the region multiplier to capex (and so to capex-based opex): satellite × 1.5', () => {
    // capex 1200; opex 0.1 × 1200 + 6.4 × 20 = 248; TCO 1200 + 248 × 4.3294767 = 2,273.71
    expect(byTech({ ...input, regionMultiplier: 1.5 }).satellite).toMatchObject({ capexUsd: 1200, opexUsdPerYear: 248, tcoUsd: 2273.71 });
  });
  it('takes the cheaper access: a 5 km road to the PoP loses to a 4.8 km drop plus a splice', () => {
    // PoP: 500 + 8000 × 5 = 40,500; splice: 500 + 8000 × 4.8 + 400 = 39,300
    const a = fibreAccess({ ...input, popDistanceM: 3000, roadPathPopM: 5000, routeDistanceM: 4000 }, P)!;
    expect(a).toMatchObject({ accessPoint: 'splice', pathM: 4800, capexUsd: 39300 });
  });
  it('allows LTE on 3G only up to 5 Mbps', () => {
    expect(byTech({ ...input, demandMbps: 5, mobileTechnology: '3G' }).lte!.feasible).toBe(true);
    expect(byTech({ ...input, demandMbps: 10, mobileTechnology: '3G' }).lte!.feasible).toBe(false);
  });
  it('limits radio to 30 km from the PoP and flags the line-of-sight assumption', () => {
    expect(byTech({ ...input, popDistanceM: 30000 }).radio!.reason).toMatch(/line of sight assumed/);
    expect(byTech({ ...input, popDistanceM: 30000.01 }).radio!.feasible).toBe(false);
  });
});

const distance = fc.option(fc.double({ min: 0, max: 200_000, noNaN: true }), { nil: null });
const techInput = fc.record({
  demandMbps: fc.constantFrom(5, 10, 20),
  popDistanceM: distance,
  routeDistanceM: distance,
  roadPathPopM: fc.constant(null),
  roadPathSpliceM: fc.constant(null),
  mobileTechnology: fc.constantFrom(null, '2G', '3G', '4G', '5G'),
  regionMultiplier: fc.double({ min: 0.5, max: 3, noNaN: true }),
});

describe('properties', () => {
  it('moving a facility closer to fibre never raises its fibre cost', () => {
    fc.assert(
      fc.property(techInput, fc.double({ min: 0, max: 1, noNaN: true }), (i, k) => {
        const closer = { ...i, popDistanceM: i.popDistanceM === null ? null : i.popDistanceM * k, routeDistanceM: i.routeDistanceM === null ? null : i.routeDistanceM * k };
        const far = byTech(i).fibre!;
        const near = byTech(closer).fibre!;
        if (far.feasible) expect(near.feasible).toBe(true);
        if (far.fibre) expect(near.capexUsd).toBeLessThanOrEqual(far.capexUsd);
      }),
    );
  });

  const unitCosts = [
    ['fibre', 'perKmUsd'], ['fibre', 'siteUsd'], ['fibre', 'spliceUsd'], ['radio', 'towerUsd'], ['lte', 'cpeUsd'],
    ['lte', 'opexUsdPerMbps'], ['satellite', 'terminalUsd'], ['satellite', 'monthlyFeeUsd'],
  ] as const;
  it('raising any unit cost never lowers the recommended TCO', () => {
    fc.assert(
      fc.property(techInput, fc.constantFrom(...unitCosts), fc.double({ min: 0, max: 10_000, noNaN: true }), (i, [group, key], delta) => {
        const raised = parseParameters({ [group]: { [key]: (P[group] as Record<string, number>)[key]! + delta } });
        const before = recommend(technologyOptions(i, P)).recommendation.tcoUsd;
        const after = recommend(technologyOptions(i, raised)).recommendation.tcoUsd;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('a longer maximum drop never makes fibre infeasible', () => {
    fc.assert(
      fc.property(techInput, fc.double({ min: 0, max: 50_000, noNaN: true }), (i, extra) => {
        const longer = parseParameters({ spatial: { maxFibreDropM: 20000 + extra } });
        if (byTech(i).fibre!.feasible) expect(byTech(i, longer).fibre!.feasible).toBe(true);
      }),
    );
  });
});
