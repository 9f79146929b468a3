// The technology registry and the cost stream, worked by hand under the documented defaults
// (docs/planning-model.md "Technology options and cost"): T = 10, r = 5 %, g = 10 %.
//   PVIFA(5 %, 10) = Σ 1/1.05^t = 7.7217349;  G = Σ (1.1/1.05)^t = 13.0313232 (discounted demand growth);
//   1/1.05^5 = 0.7835262 (a 5-year replacement);  1/1.05^7 = 0.7106813 (7-year).
import { describe, expect, it } from 'vitest';
import { costOver, replacementYears } from '../../server/src/planning/cost-stream.ts';
import { evaluateFacilities, evaluateFacility, horizonOf, type FacilityInput } from '../../server/src/planning/evaluate.ts';
import { facility } from './fixtures/planning-facility.ts';
import { DEFAULT_PARAMETERS, parseParameters, technologyParameters, withValue, type Parameters } from '../../server/src/planning/parameters.ts';
import { TECHNOLOGY_REGISTRY, uncertainUnitCosts } from '../../server/src/planning/technologies/index.ts';
import { satelliteStream } from '../../server/src/planning/technologies/satellite.ts';
import { villageRadioStream } from '../../server/src/planning/technologies/village-radio.ts';

const P = parseParameters();

const option = (f: FacilityInput, t: string, p = P) => evaluateFacility(f, p).options.find((o) => o.technology === t)!;

describe('cost stream', () => {
  it('replaces an item at the end of each lifetime strictly inside the horizon', () => {
    expect(replacementYears(5, 10)).toEqual([5]); // the one due at 10 is outside
    expect(replacementYears(7, 10)).toEqual([7]);
    expect(replacementYears(10, 10)).toEqual([]); // fibre equipment: never inside 10 years
    expect(replacementYears(null, 10)).toEqual([]); // cable
    expect(replacementYears(3, 10)).toEqual([3, 6, 9]);
  });
  it('costs satellite for a school: 800 + 800 × 0.7835262 + (2,400 + 80) × 7.7217349 = 20,576.72 USD', () => {
    const c = costOver(satelliteStream(P.satellite, 1), 20, horizonOf(P));
    expect(c.capexUsd).toBe(800);
    expect(c.yearlyUsd).toBe(2480);
    expect(c.replacements).toEqual([{ year: 5, item: 'satellite terminal and installation', usd: 800 }]);
    expect(c.tcoUsd).toBeCloseTo(20576.7236, 3);
  });
  it('shares an equipment stream per parameters, variant and multiplier, and its figures-only costing per horizon and demand', () => {
    const s = satelliteStream(P.satellite, 1.2);
    expect(satelliteStream(P.satellite, 1.2)).toBe(s);
    expect(satelliteStream(P.satellite, 1.3)).not.toBe(s);
    expect(satelliteStream(P.satellite, 1.2, true)).not.toBe(s);
    expect(satelliteStream(P.satellite, 1.2, true).capex[0]).toMatchObject({ item: 'satellite terminal (existing)', existing: true });
    // Other parameters are another object (parameters are never changed in place): another stream.
    const dearer = parseParameters({ satellite: { terminalUsd: 900 } });
    expect(satelliteStream(dearer.satellite, 1.2).capex[0]!.usd).toBeCloseTo(1080, 9);
    const h = horizonOf(P);
    const school = costOver(s, 20, h, false);
    expect(costOver(s, 20, h, false)).toBe(school); // remembered
    expect(school.tcoUsd).toBeCloseTo(costOver(s, 20, h).tcoUsd, 9); // the same sum as a detailed costing
    expect(costOver(s, 50, h, false)).not.toBe(school); // another demand
    // Another horizon (a discount rate moved): costed anew, not the remembered figure.
    const h2 = horizonOf(parseParameters({ finance: { discountRate: 0.08 } }));
    const later = costOver(s, 20, h2, false);
    expect(later.tcoUsd).toBeLessThan(school.tcoUsd - 1);
    expect(costOver(s, 20, h2, false)).toBe(later); // remembered under the new horizon
    expect(costOver(s, 20, h, false)).not.toBe(school); // one horizon kept at a time: the first is costed anew
    expect(costOver(s, 20, h, false).tcoUsd).toBe(school.tcoUsd);
    expect(later.tcoUsd).toBeCloseTo(costOver(satelliteStream(dearer.satellite, 1.2), 20, h2).tcoUsd - 100 * 1.2 * (1 + 1 / 1.08 ** 5) - 0.1 * 100 * 1.2 * ((1 - 1.08 ** -10) / 0.08), 6);
  });
  it('costs the same under parameter sets that share their unchanged parts (withValue) as under fresh ones', () => {
    // withValue shares every object off the changed path: a stream remembered for one set must not
    // stand for another. Facilities on every kind of link, in three regions.
    const fs = ['none', 'satellite', 'mobile', 'dsl'].flatMap((connection, i) => [1, 2, 3].map((r) => facility({
      facilityId: `f${i}${r}`, connection, admin1Id: `KZ-${r}`, mobileTechnology: '4G', popDistanceM: 3000, routeDistanceM: 5000,
      settlement: { popInSettlement: true, popDistanceM: 3000, routeDistanceM: 5000 },
    })));
    const base = parseParameters({ regionCostMultiplier: { 'KZ-2': 1.2, 'KZ-3': 1.5 } });
    const figures = (p: Parameters) => [...evaluateFacilities(fs, p, { detail: false }).evaluations.values()].map((e) => e.options.map((o) => [o.technology, o.tcoUsd]));
    const changes: Array<[string, number]> = [['satellite.terminalUsd', 1900], ['lte.lifetimeYears', 3], ['finance.discountRate', 0.11], ['keep.dslModemUsd', 250], ['villageRadio.cpeUsd', 900]];
    figures(base); // every stream of the base set remembered
    for (const [path, v] of changes) {
      const fresh = parseParameters(JSON.parse(JSON.stringify(withValue(base, path, v))));
      expect(figures(withValue(base, path, v)), path).toEqual(figures(fresh));
      expect(figures(withValue(base, path, v)), path).not.toEqual(figures(base));
    }
  });
  it('replaces a DSL modem kept at the 4G CPE lifetime, also when the keep figures are one object for both sets', () => {
    const dsl = [facility({ facilityId: 'd', connection: 'dsl' })];
    const keepTco = (p: Parameters) => evaluateFacilities(dsl, p, { detail: false }).evaluations.get('d')!.options.find((o) => o.technology === 'keep')!.tcoUsd;
    expect(keepTco(P)).toBeCloseTo(2684.62, 2); // 10 × 20 × 13.0313232 + 100 / 1.05^5
    expect(keepTco(withValue(P, 'lte.lifetimeYears', 3))).toBeCloseTo(2831.73, 2); // + 100 × (1.05^-3 + 1.05^-6 + 1.05^-9) instead
  });
  it('shares a village radio base per number of terminals', () => {
    const two = villageRadioStream(P.villageRadio, 2, 1);
    expect(villageRadioStream(P.villageRadio, 2, 1)).toBe(two);
    expect(villageRadioStream(P.villageRadio, 3, 1)).not.toBe(two);
    expect(villageRadioStream(P.villageRadio, 3, 1).capex[1]!.usd).toBe(3 * P.villageRadio.cpeUsd);
  });
});

describe('technology options (stand-alone, defaults)', () => {
  it('satellite: always feasible, 20,576.72 USD; 5 y terminal replaced once', () => {
    expect(option(facility(), 'satellite')).toMatchObject({ feasible: true, capexUsd: 800, yearlyUsd: 2480, tcoUsd: 20576.72, replacements: [{ year: 5, usd: 800 }] });
  });
  it('4G in 4G coverage: 200 + 200 × 0.7835262 + 10 × 20 × 13.0313232 = 2,962.97 USD (a 10 Mbps health point: 1,659.84)', () => {
    expect(option(facility({ mobileTechnology: '4G' }), 'lte')).toMatchObject({ feasible: true, tcoUsd: 2962.97, capacityMbps: 100 });
    expect(option(facility({ kind: 'health', mobileTechnology: '4G' }), 'lte').tcoUsd).toBe(1659.84);
  });
  it('3G carries a school only if its year-10 demand fits: 20 × 1.1^10 = 51.87 Mbps > 5 → infeasible, with the reason', () => {
    const o = option(facility({ mobileTechnology: '3G' }), 'lte');
    expect(o.feasible).toBe(false);
    expect(o.reason.code).toBe('capacity');
    expect(o.reason.values).toEqual({ capacityMbps: 5, demandMbps: 51.9 });
  });
  it('a fibre drop of 300 m geodesic from the PoP: path 360 m, capex 500 + 8,000 × 0.36 = 3,380; TCO 3,380 + 36 × 7.7217349 + 200 × 13.0313232 = 6,264.25', () => {
    const o = option(facility({ popDistanceM: 300 }), 'fibre');
    expect(o).toMatchObject({ feasible: true, capexUsd: 3380, tcoUsd: 6264.25, fibre: { accessPoint: 'pop', pathM: 360, pathMethod: 'route_factor' } });
    expect(o.replacements).toEqual([]); // equipment 10 y: outside; cable never
  });
  it('point-to-point radio 10 km from a PoP: 4,500 + 4,500 × 0.7106813 + 450 × 7.7217349 + 200 × 13.0313232 = 13,779.11', () => {
    expect(option(facility({ popDistanceM: 10000 }), 'p2p_radio')).toMatchObject({ feasible: true, capexUsd: 4500, tcoUsd: 13779.11 });
    expect(option(facility({ popDistanceM: 30000.01 }), 'p2p_radio')).toMatchObject({ feasible: false, reason: { code: 'beyond_radio_range' } });
  });
  it('village radio needs a lit village and a PoP within 5 km: base + one CPE 6,300 → 18,248.25 alone', () => {
    const lit = { settlement: { popInSettlement: true, popDistanceM: 100, routeDistanceM: null }, popDistanceM: 400 };
    expect(option(facility(lit), 'village_radio')).toMatchObject({ feasible: true, capexUsd: 6300, tcoUsd: 18248.25 });
    expect(option(facility({ popDistanceM: 400 }), 'village_radio')).toMatchObject({ feasible: false, reason: { code: 'village_not_lit' } });
  });
  it('demand growth can make an option infeasible: at g = 30 % a school needs 20 × 1.3^10 = 275.7 Mbps > 150 (satellite)', () => {
    const p = parseParameters({ finance: { demandGrowth: 0.3 } });
    expect(option(facility(), 'satellite', p)).toMatchObject({ feasible: false, reason: { code: 'capacity' } });
    const outgrow = parseParameters({ finance: { demandGrowth: 0.3, allowOutgrow: true } });
    // 20 × 1.3^7 = 125.5 ≤ 150 < 163.1 = 20 × 1.3^8: outgrows in year 8.
    expect(option(facility(), 'satellite', outgrow)).toMatchObject({ feasible: true, outgrowsInYear: 8 });
  });
  it('keep: a satellite link of unknown speed is taken as LEO (150 Mbps) at its running cost 800 × 0.7835262 + 2,480 × 7.7217349 = 19,776.72', () => {
    const f = facility({ connection: 'satellite' });
    expect(option(f, 'keep')).toMatchObject({ feasible: true, capexUsd: 0, tcoUsd: 19776.72 });
    // The link it already has is not new work:
    expect(option(f, 'satellite')).toMatchObject({ feasible: false, reason: { code: 'current_link' } });
    const e = evaluateFacility(f, P);
    expect(e.choice?.technology).toBe('keep');
    expect(e.score).toBeNull(); // nothing to fund, nothing ranked
  });
  it('keep: a satellite link measured at 4 Mbps is below demand; a LEO terminal is then an upgrade, not the same link', () => {
    const f = facility({ connection: 'satellite', measuredMbps: 4 });
    expect(option(f, 'keep')).toMatchObject({ feasible: false, reason: { code: 'keep_too_slow' } });
    expect(option(f, 'satellite')).toMatchObject({ feasible: true, reason: { code: 'satellite_upgrade' } });
  });
  it('a measured speed that meets today\'s demand makes the facility connected (nothing to plan)', () => {
    expect(evaluateFacility(facility({ connection: 'mobile', measuredMbps: 25, mobileTechnology: '4G' }), P)).toMatchObject({ gapClass: 'connected', choice: null, options: [] });
  });
});

describe('the registry', () => {
  it('lists each technology once, with a schema that accepts its defaults and a source for every default', () => {
    const ids = TECHNOLOGY_REGISTRY.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(['keep', 'fibre', 'village_radio', 'p2p_radio', 'lte', 'satellite']);
    const params = technologyParameters(DEFAULT_PARAMETERS);
    for (const t of TECHNOLOGY_REGISTRY) {
      expect(t.schema.safeParse(t.defaults).success, t.id).toBe(true);
      expect(params[t.id], t.id).toEqual(t.defaults);
      for (const field of Object.keys(t.defaults)) expect((t.sources as Record<string, string>)[field], `${t.id}.${field}`).toMatch(/\w{3}/);
      for (const [field, range] of Object.entries(t.ranges) as Array<[string, [number, number]]>) {
        const v = (t.defaults as Record<string, number>)[field]!;
        expect(range[0] <= v && v <= range[1], `${t.id}.${field} default inside its range`).toBe(true);
      }
    }
  });
  it('gives every uncertain unit cost a range (the model table): fibre per km, village base, 4G CPE, satellite terminal and service', () => {
    expect(uncertainUnitCosts().map((u) => `${u.name} ${u.min}–${u.max}`)).toEqual([
      'fibre.perKmUsd 5000–20000', 'villageRadio.baseUsd 3000–15000', 'lte.cpeUsd 120–500', 'satellite.terminalUsd 600–2500', 'satellite.serviceUsdPerYear 1200–4800',
    ]);
  });
  it('rejects unbounded spatial parameters (issue 11: a 1e7 m drop limit ran 109× longer)', () => {
    expect(() => parseParameters({ spatial: { maxFibreDropM: 1e7 } })).toThrow(/spatial.maxFibreDropM/);
  });
});
