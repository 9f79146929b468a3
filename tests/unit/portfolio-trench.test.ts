import { describe, expect, it } from 'vitest';
import { geodesicPath, layTrench, pvifa, primTree, type PathFn, type TrenchCostModel } from '../../server/src/portfolio/trench.ts';

// A planar path so the fixture can be worked by hand: lon/lat are metres east/north here.
const planar: PathFn = (a, b) => ({ meters: Math.hypot(a.lon - b.lon, a.lat - b.lat) });

const model: TrenchCostModel = {
  siteUsd: 500, perKmUsd: 8000, spliceUsd: 400,
  opexShare: 0.05, opexUsdPerMbps: 2, multiplier: 1, years: 5, rate: 0.05,
};

describe('shared trench: a village with a school, a medical point and a library', () => {
  // Access point A (mid-span splice) at (0,0); school S (1000,0); FAP F (1000,500); library L (0,800).
  //   A–L 800, A–S 1000, A–F √(1000²+500²) = 1118.034, S–F 500, S–L 1280.6, F–L √(1000²+300²) = 1044.03
  // Prim from A: take L (800, via A); then S (1000 via A) beats F (1044 via L); then F (500 via S).
  //   tree = A–L 800 + A–S 1000 + S–F 500 = 2300 m; separate drops = 800 + 1000 + 1118.034 = 2918.034 m
  // Stand-alone capex = 500 site + 8 USD/m × drop + 400 mid-span splice:
  //   L 500 + 6400 + 400 = 7300; S 500 + 8000 + 400 = 8900; F 500 + 8944.272 + 400 = 9844.272; Σ 26044.272
  // Shared capex = 3 × 500 + 8 × 2300 + 400 (one splice at A) + 400 (closure where the tree branches at S)
  //   = 1500 + 18400 + 800 = 20700 (the star would be 1500 + 23344.272 + 400 = 25244.272, so MST wins)
  const access = { id: 'A', lon: 0, lat: 0, kind: 'splice' as const };
  const facilities = [
    { id: 'S', lon: 1000, lat: 0, demandMbps: 20 },
    { id: 'F', lon: 1000, lat: 500, demandMbps: 10 },
    { id: 'L', lon: 0, lat: 800, demandMbps: 10 },
  ];
  const t = layTrench(access, facilities, model, planar);

  it('lays the minimum spanning tree from the access point', () => {
    expect(t.layout).toBe('mst');
    expect(t.edges.map((e) => `${e.from}-${e.to}`)).toEqual(['A-S', 'S-F', 'A-L']);
    expect(t.lengthM).toBeCloseTo(2300, 9);
    expect(t.standaloneLengthM).toBeCloseTo(2918.034, 3);
  });

  it('costs the tree once and reports both figures', () => {
    expect(t.capexUsd).toBeCloseTo(20700, 6);
    expect(t.standaloneCapexUsd).toBeCloseTo(26044.272, 3);
    // TCO = capex + (5 % capex + 2 USD × 40 Mbps) × PVIFA(5 %, 5) where PVIFA = 4.329477
    const f = pvifa(0.05, 5);
    expect(f).toBeCloseTo(4.329477, 6);
    expect(t.tcoUsd).toBeCloseTo(20700 + (1035 + 80) * f, 6); // 25527.367
    // Stand-alone TCO: Σ capex + (5 % Σ capex + 80) × PVIFA = 26044.272 + (1302.214 + 80) × 4.329477
    expect(t.standaloneTcoUsd).toBeCloseTo(26044.272 + (1302.2136 + 80) * f, 2);
    expect(t.savingUsd).toBeCloseTo(t.standaloneTcoUsd - t.tcoUsd, 9);
    expect(t.savingUsd).toBeGreaterThan(0);
  });

  it('allocates the shared capex in proportion to stand-alone capex', () => {
    // L: 20700 × 7300 / 26044.272 = 5802.044; S: 20700 × 8900 / 26044.272 = 7073.724;
    // F: 20700 × 9844.272 / 26044.272 = 7824.232
    const byId = Object.fromEntries(t.shares.map((s) => [s.facilityId, s]));
    expect(byId.L!.allocatedCapexUsd).toBeCloseTo(5802.044, 2);
    expect(byId.S!.allocatedCapexUsd).toBeCloseTo(7073.724, 2);
    expect(byId.F!.allocatedCapexUsd).toBeCloseTo(7824.232, 2);
    expect(t.shares.reduce((s, x) => s + x.allocatedCapexUsd, 0)).toBeCloseTo(20700, 6);
    expect(t.shares.reduce((s, x) => s + x.allocatedTcoUsd, 0)).toBeCloseTo(t.tcoUsd, 6);
  });

  it('returns the tree as a MultiLineString for the map', () => {
    expect(t.geometry).toEqual({
      type: 'MultiLineString',
      coordinates: [[[0, 0], [1000, 0]], [[1000, 0], [1000, 500]], [[0, 0], [0, 800]]],
    });
  });
});

describe('shared trench: edge cases', () => {
  it('falls back to separate drops in one trench when a branch closure costs more than it saves', () => {
    // A (PoP, no splice) at (0,0); X (100,0); Y (110,20). Tree: A–X 100, X–Y √(10²+20²) = 22.36 →
    // 122.36 m → 2 × 500 + 978.9 + 400 closure = 2378.9; star: A–Y = 111.80 → 211.80 m → 1000 + 1694.4 = 2694.4.
    // With a closure at 2000 USD the tree is 3978.9 > 2694.4: the star is laid.
    const t = layTrench({ id: 'A', lon: 0, lat: 0, kind: 'pop' },
      [{ id: 'X', lon: 100, lat: 0, demandMbps: 1 }, { id: 'Y', lon: 110, lat: 20, demandMbps: 1 }],
      { ...model, spliceUsd: 2000 }, planar);
    expect(t.layout).toBe('star');
    expect(t.capexUsd).toBeCloseTo(1000 + 8 * (100 + Math.hypot(110, 20)), 6);
    expect(t.edges.map((e) => `${e.from}-${e.to}`)).toEqual(['A-X', 'A-Y']);
  });

  it('a single facility pays its own drop: no saving', () => {
    const t = layTrench({ id: 'A', lon: 0, lat: 0, kind: 'splice' }, [{ id: 'X', lon: 300, lat: 400, demandMbps: 20 }], model, planar);
    // 500 + 8 × 500 + 400 = 4900
    expect(t.capexUsd).toBeCloseTo(4900, 9);
    expect(t.savingUsd).toBeCloseTo(0, 9);
    expect(t.shares[0]!.allocatedTcoUsd).toBeCloseTo(t.tcoUsd, 9);
  });

  it('applies the regional multiplier to every cost', () => {
    const one = layTrench({ id: 'A', lon: 0, lat: 0, kind: 'pop' }, [{ id: 'X', lon: 1000, lat: 0, demandMbps: 0 }], model, planar);
    const two = layTrench({ id: 'A', lon: 0, lat: 0, kind: 'pop' }, [{ id: 'X', lon: 1000, lat: 0, demandMbps: 0 }], { ...model, multiplier: 1.5 }, planar);
    expect(two.capexUsd).toBeCloseTo(1.5 * one.capexUsd, 9); // 1.5 × 8500
    expect(one.capexUsd).toBe(8500);
  });

  it('geodesic × route factor: 0.01° of longitude on the equator is 1111.95 m, × 1.2 = 1334.34 m', () => {
    const p = geodesicPath(1.2)({ id: 'a', lon: 0, lat: 0 }, { id: 'b', lon: 0.01, lat: 0 });
    // 2π × 6 371 008.8 m × 0.01 / 360 = 1111.9508 m
    expect(p.meters).toBeCloseTo(1111.9508 * 1.2, 2);
  });

  it('Prim breaks ties by input order', () => {
    const { parent } = primTree([{ id: 'A', lon: 0, lat: 0 }, { id: 'B', lon: 1, lat: 0 }, { id: 'C', lon: -1, lat: 0 }], planar);
    expect(parent).toEqual([-1, 0, 0]);
  });

  it('refuses an empty settlement', () => {
    expect(() => layTrench({ id: 'A', lon: 0, lat: 0, kind: 'pop' }, [], model, planar)).toThrow(/no facilities/);
  });
});
