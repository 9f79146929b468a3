import { describe, expect, it } from 'vitest';
import { runPortfolio, clusterTrenches, villagePath, type PlannedFacility } from '../../server/src/portfolio/engine.ts';
import { canonicalJson, effective } from '../../server/src/portfolio/model.ts';
import { linearise } from '../../server/src/portfolio/monte-carlo.ts';
import { layTrench, pvifa, type PathFn } from '../../server/src/portfolio/trench.ts';

const planar: PathFn = (a, b) => ({ meters: Math.hypot(a.lon - b.lon, a.lat - b.lat) });
const access = { id: 'splice:V1', lon: 0, lat: 0, kind: 'splice' as const };

const f = (id: string, over: Partial<PlannedFacility>): PlannedFacility => ({
  facilityId: id, name: id, kind: 'school', settlementId: 'V1', admin1Id: 'KZ10', admin2Id: 'KZ1001', lon: 0, lat: 0,
  gapClass: 'lit_village', technology: 'fibre', tcoUsd: 10_000, tcoKzt: 5_000_000, beneficiaries: 100, multiplier: 1.2, demandMbps: 20,
  pathM: 1000, accessPoint: access, ...over,
});

// The village of the trench fixture (school S, FAP F, library L) plus an LTE school elsewhere,
// a connected school (never a candidate) and a satellite library.
const facilities = [
  f('S', { lon: 1000, lat: 0, pathM: 1000 }),
  f('F', { kind: 'health', lon: 1000, lat: 500, pathM: 1118.034, demandMbps: 10, beneficiaries: 200 }),
  f('L', { kind: 'library', lon: 0, lat: 800, pathM: 800, demandMbps: 10, beneficiaries: 90 }),
  f('T', { settlementId: 'V2', technology: 'lte', tcoUsd: 13_000, tcoKzt: 6_500_000, pathM: null, accessPoint: null, beneficiaries: 50, multiplier: 1 }),
  f('C', { settlementId: 'V3', gapClass: 'connected' }),
  f('B', { settlementId: 'V4', kind: 'library', technology: 'satellite', tcoUsd: 5_000, tcoKzt: 2_500_000, pathM: null, accessPoint: null, beneficiaries: 30, multiplier: 0.6 }),
];
const { model } = effective({ planning: { fibre: { opexUsdPerMbps: 2 }, finance: { kztPerUsd: 500 } }, draws: 500, seed: 7 });

describe('a scenario run (pure engine)', () => {
  const r = runPortfolio(facilities, model, 1e12, { path: planar, pathMethod: 'planar (test)' });

  it('buys the village as one trench and leaves connected facilities out', () => {
    expect(r.candidates).toBe(5);
    expect([...r.chosen].sort()).toEqual(['B', 'F', 'L', 'S', 'T']);
    const t = r.trenches[0]!;
    expect(t.settlementId).toBe('V1');
    expect(t.lengthM).toBeCloseTo(2300, 6); // the hand-worked tree of portfolio-trench.test.ts
    // Shared capex 20,700 USD (trench fixture) → TCO 20,700 + (1,035 + 2 × 40) × PVIFA(5 %, 5), × 500 KZT/USD
    expect(t.costKzt).toBeCloseTo((20700 + 1115 * pvifa(0.05, 5)) * 500, 3);
    // Connect-all = shared trench + T (13,000 USD) + B (5,000 USD), in KZT
    expect(r.connectAllKzt).toBeCloseTo(t.costKzt + 18_000 * 500, 3);
    expect(r.totalCostKzt).toBeCloseTo(r.connectAllKzt, 3);
  });

  it('gives ordered percentiles; a satellite site has no uncertain part', () => {
    expect(r.p10).toBeLessThan(r.p50);
    expect(r.p50).toBeLessThan(r.p90);
    const b = r.sites.find((s) => s.facilityId === 'B')!;
    expect([b.p10, b.p50, b.p90]).toEqual([2.5e6, 2.5e6, 2.5e6]);
  });

  it('is deterministic: the same inputs and seed give the same result, byte for byte', () => {
    const again = runPortfolio(facilities, model, 1e12, { path: planar, pathMethod: 'planar (test)' });
    expect(canonicalJson(again)).toBe(canonicalJson(r));
  });

  it('the trench cost it varies is the linear form of the trench itself', () => {
    // Lay the same tree with other unit costs and check the engine's coefficients by finite steps.
    const { trench, members } = clusterTrenches(facilities, model, planar).get('V1')!;
    const nodes = members.map((m) => ({ id: m.facilityId, lon: m.lon, lat: m.lat, demandMbps: m.demandMbps }));
    const cost = (u: readonly number[]) =>
      layTrench(access, nodes, { ...model.fibre, perKmUsd: u[0]!, opexUsdPerMbps: u[1]!, multiplier: 1, years: 5, rate: 0.05 }, planar).tcoUsd;
    const lin = linearise(cost, [8000, 2]);
    const P = pvifa(0.05, 5);
    expect(lin.coef[0]).toBeCloseTo((2300 / 1000) * (1 + 0.05 * P), 9);
    expect(lin.coef[1]).toBeCloseTo(40 * P, 9);
    expect(trench.layout).toBe('mst');
  });

  it('a budget below the trench buys the cheaper single sites only', () => {
    // Scores: village (120 + 240 + 108) / trench cost; T 50 / 6.5 M; B 18 / 2.5 M.
    const small = runPortfolio(facilities, model, 9e6, { path: planar });
    expect(small.chosen).toEqual(['T', 'B']);
    expect(small.totalCostKzt).toBe(9e6);
    expect(small.trenches).toEqual([]);
  });
});

describe('scenario parameters', () => {
  it('refuse unknown keys, in the scenario and in the planning overrides', () => {
    expect(() => effective({ sed: 1 })).toThrow();
    expect(() => effective({ planning: { fibre: { perKm: 1 } } })).toThrow(/fibre/);
  });

  it('hash the effective set, whatever the key order', () => {
    const base = effective({}).hash;
    expect(effective({ seed: 1, draws: 1000, planning: {} }).hash).toBe(base); // the defaults, spelt out
    expect(effective({ planning: { fibre: { perKmUsd: 8000 } } }).hash).toBe(base);
    expect(effective({ planning: { fibre: { perKmUsd: 9000 } } }).hash).not.toBe(base);
    expect(effective({ seed: 2 }).hash).not.toBe(base);
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });
});

describe('village path', () => {
  it('takes the gap engine\'s drop from the facility\'s own access point, else geodesic × factor', () => {
    const path = villagePath([f('S', { lon: 70.01, lat: 50, pathM: 1234 })], 1.2);
    const ap = { id: 'splice:V1', lon: 70, lat: 50 };
    const s = { id: 'S', lon: 70.01, lat: 50 };
    expect(path(ap, s).meters).toBe(1234); // along roads, as measured by the gap engine
    expect(path(s, ap).meters).toBe(1234);
    // Another access point, or another facility: 0.01° of longitude at 50°N = 714.73 m, × 1.2 = 857.68 m
    const other = { id: 'access:pop:x', lon: 70, lat: 50 };
    expect(path(other, s).meters).toBeCloseTo(857.68, 1);
  });
});
