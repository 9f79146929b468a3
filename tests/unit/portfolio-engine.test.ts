import { describe, expect, it } from 'vitest';
import { runPortfolio, type PlannedFacility, type PlannedGroup } from '../../server/src/portfolio/engine.ts';
import { canonicalJson, effective } from '../../server/src/portfolio/model.ts';

// The engine buys what the gap engine chose: a settlement's shared trench as one item (its members'
// allocated TCO summed), other facilities alone. Costs in USD; 500 KZT/USD in this scenario.
const f = (id: string, over: Partial<PlannedFacility>): PlannedFacility => ({
  facilityId: id, name: id, kind: 'school', settlementId: 'V1', admin1Id: 'KZ10', admin2Id: 'KZ1001', lon: 0, lat: 0,
  gapClass: 'lit_village', technology: 'fibre', inScope: true, tcoUsd: 10_000, tcoKzt: 5_000_000, beneficiaries: 100, multiplier: 1.2, demandMbps: 20,
  groupId: 'trench:V1', coefUsd: { 'fibre.perKmUsd': 0.5 }, ...over,
});

// Village V1: school S, health point F, library L on one trench (allocated 4,000 + 6,000 + 10,000 USD);
// a 4G school T elsewhere, a connected school C, a satellite library B, a school K that keeps its link,
// and an out-of-scope city hospital H.
const facilities = [
  f('S', { tcoUsd: 4000, tcoKzt: 2_000_000 }),
  f('F', { kind: 'health', tcoUsd: 6000, tcoKzt: 3_000_000, beneficiaries: 200 }),
  f('L', { kind: 'library', tcoUsd: 10_000, tcoKzt: 5_000_000, beneficiaries: 90 }),
  f('T', { settlementId: 'V2', technology: 'lte', groupId: null, tcoUsd: 13_000, tcoKzt: 6_500_000, beneficiaries: 50, multiplier: 1, coefUsd: { 'lte.cpeUsd': 1.78 } }),
  f('C', { settlementId: 'V3', gapClass: 'connected', groupId: null }),
  f('B', { settlementId: 'V4', kind: 'library', technology: 'satellite', groupId: null, tcoUsd: 5_000, tcoKzt: 2_500_000, beneficiaries: 30, multiplier: 0.6, coefUsd: {} }),
  f('K', { settlementId: 'V5', technology: 'keep', groupId: null, tcoUsd: 19_776.72, tcoKzt: 9_295_058 }),
  f('H', { settlementId: 'V6', kind: 'health', inScope: false, technology: 'lte', groupId: null }),
];
const groups: PlannedGroup[] = [{
  id: 'trench:V1', kind: 'trench', settlementId: 'V1', memberIds: ['S', 'F', 'L'], lengthM: 2300, tcoUsd: 20_000, savingUsd: 7_500,
  geometry: { type: 'MultiLineString', coordinates: [[[0, 0], [0.01, 0]]] },
}];
const { model } = effective({ planning: { finance: { kztPerUsd: 500 } }, draws: 500, seed: 7 });

describe('a scenario run (pure engine)', () => {
  const r = runPortfolio(facilities, groups, model, 1e12, { pathMethod: 'test' });

  it('buys the village as one trench; leaves connected, kept and out-of-scope facilities out', () => {
    expect(r.candidates).toBe(5);
    expect([...r.chosen].sort()).toEqual(['B', 'F', 'L', 'S', 'T']);
    const t = r.trenches[0]!;
    expect(t).toMatchObject({ settlementId: 'V1', facilityIds: ['S', 'F', 'L'], lengthM: 2300, costKzt: 10_000_000, savingKzt: 3_750_000 });
    // Connect-all = trench 10 M + T 6.5 M + B 2.5 M KZT
    expect(r.connectAllKzt).toBe(19_000_000);
    expect(r.totalCostKzt).toBe(19_000_000);
    expect(r.sites.find((x) => x.facilityId === 'S')!.clusterId).toBe('trench:V1');
  });

  it('gives ordered percentiles; a site with no uncertain unit cost has none', () => {
    expect(r.p10).toBeLessThan(r.p50);
    expect(r.p50).toBeLessThan(r.p90);
    const b = r.sites.find((s) => s.facilityId === 'B')!;
    expect([b.p10, b.p50, b.p90]).toEqual([2.5e6, 2.5e6, 2.5e6]);
  });

  it('moves a trench with its per-km slope: at the P50 draw the village costs within its range', () => {
    // Slope 3 × 0.5 km = 1.5 km of trench in the fibre per-km cost (5,000–8,000–20,000 USD/km):
    // the village's cost spans 10 M + 1.5 × (5,000 − 8,000) × 500 … 10 M + 1.5 × 12,000 × 500 KZT.
    const village = r.sites.filter((s) => s.clusterId === 'trench:V1');
    const p10 = village.reduce((a, s) => a + s.p10, 0);
    const p90 = village.reduce((a, s) => a + s.p90, 0);
    expect(p10).toBeGreaterThan(10e6 - 1.5 * 3000 * 500);
    expect(p90).toBeLessThan(10e6 + 1.5 * 12000 * 500);
    expect(p90).toBeGreaterThan(10e6); // the range is skewed up: P90 above the default
  });

  it('is deterministic: the same inputs and seed give the same result, byte for byte', () => {
    const again = runPortfolio(facilities, groups, model, 1e12, { pathMethod: 'test' });
    expect(canonicalJson(again)).toBe(canonicalJson(r));
  });

  it('a budget below the trench buys the cheaper single sites only', () => {
    // Scores: village (120 + 240 + 108) / 10 M KZT = 46.8; T 50 / 6.5 M = 7.7; B 18 / 2.5 M = 7.2
    const small = runPortfolio(facilities, groups, model, 9e6);
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
