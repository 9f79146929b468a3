import { describe, expect, it } from 'vitest';
import { deriveFibre, FIBRE_RULE, type FibreRule } from '../../scripts/illustrative/fibre.ts';
import { distanceKm } from '../../scripts/illustrative/geometry.ts';
import { settlement } from './fixtures/illustrative-settlements.ts';

// A straight backbone along the parallel 50° N, from 70° E to 72° E; 0.1° of latitude ≈ 11.1 km.
const railway = [{ segId: 7, coords: [[70, 50], [72, 50]] as [number, number][] }];
const everyone: FibreRule = { ...FIBRE_RULE, builtShare: 1, plannedShare: 0, popShare: 1, spliceShare: 0 };

describe('illustrative fibre', () => {
  it('runs the backbone on the railway, as built, under an illustrative operator', () => {
    const { routes } = deriveFibre([], railway, 1, everyone);
    expect(routes).toEqual([
      { id: 'ill-backbone-7', operator: 'Illustrative backbone operator', status: 'built', year: null, programme: 'backbone', lines: [[[70, 50], [72, 50]]] },
    ]);
  });

  it('brings a spur to a village within 60 km, none beyond, none to a village under 250 people', () => {
    const near = settlement(1, 'village', 600, { at: [71, 50.2] }); // ≈ 22 km north
    const far = settlement(2, 'village', 600, { at: [71, 50.6] }); // ≈ 67 km
    const tiny = settlement(3, 'village', 249, { at: [71.5, 50.1] });
    const { routes, pops } = deriveFibre([near, far, tiny], railway, 1, everyone);
    const spur = routes.find((r) => r.id === 'ill-spur-1')!;
    // it starts at the nearest backbone point (71, 50) and ends at the village
    expect(spur.lines).toEqual([[[71, 50], [71, 50.2]]]);
    expect(spur.programme).toBe('PPP');
    expect(spur.year).toBeGreaterThanOrEqual(2019);
    expect(spur.year).toBeLessThanOrEqual(2024);
    expect(routes.map((r) => r.id).sort()).toEqual(['ill-backbone-7', 'ill-spur-1']);
    // 600 people < 1,000 → an ODF, not an OLT
    expect(pops).toEqual([{ id: 'ill-pop-1', operator: spur.operator, kind: 'odf', settlement_id: 'osm:1', at: [71, 50.2] }]);
    expect(spur.operator).toMatch(/^Illustrative /);
  });

  it('chains an outer village from an inner one and bends through a small village on the way', () => {
    const inner = settlement(1, 'village', 1500, { at: [71, 50.1] }); // ≈ 11 km from the backbone
    const outer = settlement(2, 'village', 400, { at: [71, 50.4] }); // ≈ 44 km; inner is 33 km away
    const onTheWay = settlement(3, 'hamlet', 60, { at: [71.01, 50.25] }); // too small for its own spur
    const { routes, pops, onNetwork } = deriveFibre([inner, outer, onTheWay], railway, 1, everyone);
    const chained = routes.find((r) => r.id === 'ill-spur-2')!;
    // starts at the inner village (nearer than the backbone) and passes through the hamlet:
    // 0.71 km off the straight line adds far less than 10 % to 33 km
    expect(chained.lines).toEqual([[[71, 50.1], [71.01, 50.25], [71, 50.4]]]);
    expect(onNetwork.has('osm:3')).toBe(true);
    // the hamlet is crossed by a built route but has no PoP: the "lit village" case
    expect(pops.map((p) => p.settlement_id)).toEqual(['osm:1', 'osm:2']);
    expect(pops[0]!.kind).toBe('olt'); // 1,500 ≥ 1,000
    // a spur hanging on another was laid in the same campaign
    expect(chained.year).toBe(routes.find((r) => r.id === 'ill-spur-1')!.year);
  });

  it('draws planned spurs without a PoP, in 2026–2027 (the programme end, and its slip)', () => {
    const planned: FibreRule = { ...everyone, builtShare: 0, plannedShare: 1 };
    const v = settlement(1, 'village', 600, { at: [71, 50.2] });
    const { routes, pops } = deriveFibre([v], railway, 1, planned);
    const r = routes.find((x) => x.id === 'ill-planned-1')!;
    expect([r.status, r.programme]).toEqual(['planned', 'PPP']);
    expect([2026, 2027]).toContain(r.year);
    expect(pops).toEqual([]);
  });

  it('always gives towns an OLT on a short spur from the backbone operator', () => {
    const town = settlement(1, 'town', 12_000, { at: [71, 50.02] }); // ≈ 2.2 km off the railway
    const { routes, pops } = deriveFibre([town], railway, 1, { ...everyone, builtShare: 0, popShare: 0 });
    const spur = routes.find((r) => r.id === 'ill-spur-1')!;
    expect([spur.operator, spur.programme, spur.year]).toEqual(['Illustrative backbone operator', 'backbone', null]);
    expect(distanceKm(spur.lines[0]![0]!, [71, 50])).toBeLessThan(0.001);
    expect(pops.map((p) => p.kind)).toEqual(['olt']);
  });
});
