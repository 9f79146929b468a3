import { area } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { cleanRing, coveredSettlements, deriveCoverage, siteFor, type Site } from '../../scripts/illustrative/coverage.ts';
import { settlement } from './fixtures/illustrative-settlements.ts';

// A regular 16-gon inscribed in a circle of radius r has area ½·16·r²·sin(2π/16) = 3.0615·r².
const polygon16 = (rKm: number) => 8 * rKm * rKm * Math.sin(Math.PI / 8);

describe('illustrative mobile coverage', () => {
  it('gives cities 4G over 20 km, never a dwelling a site, and hubs at least 3G', () => {
    expect(siteFor(settlement(1, 'city', 300_000), 1)).toMatchObject({ level: '4G', radiusKm: 20 });
    expect(siteFor(settlement(2, 'town', 10_000), 1)).toMatchObject({ level: '4G', radiusKm: 12 });
    expect(siteFor(settlement(3, 'isolated_dwelling', 10), 1)).toBeNull();
    for (let id = 10; id < 60; id++) {
      const hub = siteFor(settlement(id, 'hamlet', 80, { isHub: true }), 1)!; // < 100: 2G or none by the dice
      expect(['3G', '4G']).toContain(hub.level);
    }
  });

  it('dissolves one disc per settlement into a polygon per technology, 2G reaching 1.5× further', () => {
    const city = settlement(1, 'city', 300_000, { adm1: 'KZ71', at: [71.4, 51.15] });
    const areas = Object.fromEntries(deriveCoverage([siteFor(city, 1)!]).map((c) => [c.id, area(c.geometry) / 1e6]));
    expect(Object.keys(areas)).toEqual(['ill-cov-2G-KZ71', 'ill-cov-3G-KZ71', 'ill-cov-4G-KZ71']);
    expect(areas['ill-cov-4G-KZ71']! / polygon16(20)).toBeCloseTo(1, 2); // 1,224.6 km²
    expect(areas['ill-cov-2G-KZ71']! / polygon16(30)).toBeCloseTo(1, 2); // 2,755.3 km²
  });

  it('merges overlapping discs of one oblast and keeps oblasts apart', () => {
    const a = settlement(1, 'town', 10_000, { at: [70, 50] });
    const b = settlement(2, 'town', 10_000, { at: [70.2, 50] }); // 14.3 km apart: 12 km discs overlap
    const c = settlement(3, 'town', 10_000, { adm1: 'KZ02', at: [75, 50] });
    const cov = deriveCoverage([a, b, c].map((s) => siteFor(s, 1)!));
    const g4 = cov.filter((x) => x.technology === '4G');
    expect(g4.map((x) => x.id)).toEqual(['ill-cov-4G-KZ01', 'ill-cov-4G-KZ02']);
    expect(g4[0]!.geometry.coordinates.length).toBe(1); // one merged shape
    const merged = area(g4[0]!.geometry) / 1e6;
    expect(merged).toBeGreaterThan(polygon16(12) * 1.2);
    expect(merged).toBeLessThan(polygon16(12) * 2);
  });

  it('counts settlements inside a technology by their distance to sites', () => {
    const site: Site = { settlement: settlement(1, 'town', 10_000, { at: [70, 50] }), level: '3G', radiusKm: 12 };
    const inside = settlement(2, 'village', 100, { at: [70, 50.1] }); // 11.1 km
    const outside = settlement(3, 'village', 100, { at: [70, 50.2] }); // 22.2 km, beyond even the 18 km of 2G
    expect([...coveredSettlements([inside, outside], [site], '3G')]).toEqual(['osm:2']);
    expect([...coveredSettlements([inside, outside], [site], '4G')]).toEqual([]);
  });

  it('drops a ring that collapses when rounded, and repeated points (PostGIS: "too few points")', () => {
    // a sliver hole 0.00002° wide: at 4 decimals its corners meet, leaving a ring with no area
    const sliver = [[70, 50], [70.00002, 50], [70.00002, 50.001], [70, 50.001], [70, 50]];
    expect(cleanRing(sliver, 4)).toBeNull();
    const square = [[70, 50], [70.00001, 50], [70.1, 50], [70.1, 50.1], [70, 50.1], [70, 50]];
    expect(cleanRing(square, 4)).toEqual([[70, 50], [70.1, 50], [70.1, 50.1], [70, 50.1], [70, 50]]);
  });
});
