// Illustrative mobile coverage: a disc around every settlement that the seeded rule gives a base
// station, dissolved per technology per oblast. A site of a newer technology also serves the older
// ones (a 4G site is in the 3G and 2G layers too); 2G reaches further on its lower band.
import { circle, featureCollection, simplify, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { distanceKm, PointGrid } from './geometry.ts';
import { rngFor } from './prng.ts';
import type { Settlement } from './types.ts';

export type Technology = '2G' | '3G' | '4G';
export const TECHNOLOGIES: readonly Technology[] = ['2G', '3G', '4G'];
type Level = Technology | 'none';

/** Sites by settlement size (ours, illustrative): technology shares and the 3G/4G radius in km. */
export const COVERAGE_RULE = {
  operator: 'Illustrative mobile operators (combined)',
  city: { radiusKm: 20 },
  town: { radiusKm: 12 },
  bands: [
    { minPopulation: 2000, radiusKm: 8, shares: { '4G': 0.8, '3G': 0.2, '2G': 0, none: 0 } },
    { minPopulation: 500, radiusKm: 6, shares: { '4G': 0.4, '3G': 0.35, '2G': 0.15, none: 0.1 } },
    { minPopulation: 100, radiusKm: 5, shares: { '4G': 0.15, '3G': 0.35, '2G': 0.3, none: 0.2 } },
    { minPopulation: 0, radiusKm: 4, shares: { '4G': 0, '3G': 0, '2G': 0.3, none: 0.7 } },
  ],
  /** regional standards give hub settlements at least 3G */
  hubAtLeast: '3G' as Technology,
  radius2GFactor: 1.5,
  circleSteps: 16,
  simplifyToleranceDeg: 0.003,
  decimals: 4,
} as const;

export interface Site {
  settlement: Settlement;
  level: Technology;
  radiusKm: number;
}

const RANK: Record<Level, number> = { none: 0, '2G': 1, '3G': 2, '4G': 3 };

export function siteFor(s: Settlement, seed: number): Site | null {
  if (s.place === 'isolated_dwelling') return null;
  if (s.place === 'city' || s.place === 'town') return { settlement: s, level: '4G', radiusKm: COVERAGE_RULE[s.place].radiusKm };
  const band = COVERAGE_RULE.bands.find((b) => s.pop >= b.minPopulation)!;
  let level: Level = rngFor(seed, 'coverage', s.id).pick(band.shares);
  if (s.isHub && RANK[level] < RANK[COVERAGE_RULE.hubAtLeast]) level = COVERAGE_RULE.hubAtLeast;
  return level === 'none' ? null : { settlement: s, level, radiusKm: band.radiusKm };
}

export function radiusFor(site: Site, tech: Technology): number {
  return tech === '2G' ? site.radiusKm * COVERAGE_RULE.radius2GFactor : site.radiusKm;
}

/** Signed planar area of a closed ring in square degrees (shoelace); 0 for a collapsed ring. */
export function ringArea(ring: readonly number[][]): number {
  let a = 0;
  for (let i = 1; i < ring.length; i++) a += ring[i - 1]![0]! * ring[i]![1]! - ring[i]![0]! * ring[i - 1]![1]!;
  return a / 2;
}

/**
 * Rounds a ring, drops repeated points, and returns null when it collapsed (fewer than 4 positions
 * or no area): simplification and rounding can shrink small holes between discs to nothing, which
 * PostGIS rejects as "too few points".
 */
export function cleanRing(ring: readonly number[][], decimals: number): number[][] | null {
  const f = 10 ** decimals;
  const out: number[][] = [];
  for (const p of ring) {
    const q = [Math.round(p[0]! * f) / f, Math.round(p[1]! * f) / f];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  if (out.length > 1 && (out[0]![0] !== out[out.length - 1]![0] || out[0]![1] !== out[out.length - 1]![1])) out.push([...out[0]!]);
  return out.length >= 4 && ringArea(out) !== 0 ? out : null;
}

function cleanGeometry(geom: Polygon | MultiPolygon, decimals: number): MultiPolygon {
  const polygons = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  const kept: number[][][][] = [];
  for (const poly of polygons) {
    const [outer, ...holes] = poly.map((r) => cleanRing(r, decimals));
    if (!outer) continue;
    kept.push([outer, ...holes.filter((h): h is number[][] => h !== null)]);
  }
  return { type: 'MultiPolygon', coordinates: kept };
}

export interface CoverageArea {
  id: string;
  operator: string;
  technology: Technology;
  oblast: string;
  geometry: MultiPolygon;
}

/** Dissolved discs per technology per oblast, sorted by id (`ill-cov-{tech}-{pcode}`). */
export function deriveCoverage(sites: readonly Site[]): CoverageArea[] {
  const out: CoverageArea[] = [];
  const oblasts = [...new Set(sites.map((s) => s.settlement.adm1))].sort();
  for (const oblast of oblasts) {
    for (const tech of TECHNOLOGIES) {
      const discs = sites
        .filter((s) => s.settlement.adm1 === oblast && RANK[s.level] >= RANK[tech])
        .sort((a, b) => a.settlement.osmId - b.settlement.osmId)
        .map((s) => circle([...s.settlement.at], radiusFor(s, tech), { steps: COVERAGE_RULE.circleSteps, units: 'kilometers' }));
      if (discs.length === 0) continue;
      const merged = discs.length === 1 ? discs[0]! : union(featureCollection<Polygon | MultiPolygon>(discs));
      if (!merged) continue;
      const simple = simplify(merged as Feature<Polygon | MultiPolygon>, { tolerance: COVERAGE_RULE.simplifyToleranceDeg, highQuality: false });
      const geometry = cleanGeometry(simple.geometry, COVERAGE_RULE.decimals);
      if (geometry.coordinates.length === 0) continue;
      out.push({ id: `ill-cov-${tech}-${oblast}`, operator: COVERAGE_RULE.operator, technology: tech, oblast, geometry });
    }
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Settlements inside a disc of `tech` or better (measured on the discs, before simplification). */
export function coveredSettlements(settlements: readonly Settlement[], sites: readonly Site[], tech: Technology): Set<string> {
  const grid = new PointGrid<Site>();
  let maxKm = 0;
  for (const site of sites) {
    if (RANK[site.level] < RANK[tech]) continue;
    grid.add(site.settlement.at, site);
    maxKm = Math.max(maxKm, radiusFor(site, tech));
  }
  const covered = new Set<string>();
  for (const s of settlements) {
    if (grid.within(s.at, maxKm).some((e) => distanceKm(s.at, e.at) <= radiusFor(e.item, tech))) covered.add(s.id);
  }
  return covered;
}
