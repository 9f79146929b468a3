import { describe, expect, it } from 'vitest';
import { DEFAULT_PPP, bandOf, pppCase, pppView, type PppSettlement } from '../../server/src/portfolio/ppp.ts';

const place = (settlementId: string, population: number, fibrePresent: boolean): PppSettlement =>
  ({ settlementId, name: settlementId, admin1Id: 'KZ10', admin2Id: null, population, fibrePresent, lon: 70, lat: 50 });

describe('PPP business case (hand-worked)', () => {
  it('a village of 400 without fibre needs a subsidy of 3.58 M KZT', () => {
    // Band ≤ 500: access 15,000 USD + P2P backhaul 4,500 = 19,500 USD × 500 = 9,750,000 KZT capex.
    // Subscribers 400 × 0.25 = 100; revenue 100 × 2,500 × 12 = 3,000,000 KZT/year.
    // Opex 10 % × 9,750,000 + backhaul 1,200 USD × 500 = 975,000 + 600,000 = 1,575,000 KZT/year.
    // PVIFA(5 %, 5) = 4.3294767; NPV = −9,750,000 + 1,425,000 × 4.3294767 = −3,580,495.7
    // Viability gap 3,580,495.7; per person / 400 = 8,951.24 KZT.
    const c = pppCase(place('v400', 400, false), DEFAULT_PPP);
    expect(c.band).toBe(0);
    expect(c.capexKzt).toBe(9_750_000);
    expect(c.subscribers).toBe(100);
    expect(c.revenueKztPerYear).toBe(3_000_000);
    expect(c.opexKztPerYear).toBe(1_575_000);
    expect(c.npvKzt).toBeCloseTo(-3_580_495.7, 0);
    expect(c.viabilityGapKzt).toBeCloseTo(3_580_495.7, 0);
    expect(c.viabilityGapPerPersonKzt).toBeCloseTo(8951.24, 2);
  });

  it('a lit village of 3,000 pays for itself: no gap', () => {
    // Band > 2000: 80,000 USD × 500 = 40,000,000 KZT; subscribers 750 → 22,500,000 KZT/year;
    // opex 4,000,000; NPV = −40,000,000 + 18,500,000 × 4.3294767 = 40,095,319 > 0 → gap 0.
    const c = pppCase(place('v3000', 3000, true), DEFAULT_PPP);
    expect(c.npvKzt).toBeCloseTo(40_095_319, -1);
    expect(c.viabilityGapKzt).toBe(0);
    expect(c.viabilityGapPerPersonKzt).toBe(0);
  });

  it('bands are inclusive of their upper bound', () => {
    expect(bandOf(500, DEFAULT_PPP.bands)).toBe(0);
    expect(bandOf(501, DEFAULT_PPP.bands)).toBe(1);
    expect(bandOf(1e6, DEFAULT_PPP.bands)).toBe(2);
    expect(() => bandOf(10, [{ maxPopulation: 5, accessCapexUsd: 1 }])).toThrow(/population of 10/);
  });

  it('sorts by viability gap per person, cheapest first, empty places last', () => {
    const view = pppView([place('b', 400, false), place('a', 0, false), place('c', 3000, true), place('d', 400, true)], DEFAULT_PPP);
    expect(view.map((c) => c.settlementId)).toEqual(['c', 'd', 'b', 'a']);
    expect(view[3]!.viabilityGapPerPersonKzt).toBeNull();
  });
});
