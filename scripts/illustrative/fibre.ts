// Illustrative fibre: a backbone on the operational railways (where the railway telecom operator's
// real backbone runs), PPP spurs from it to a seeded share of nearby settlements, and PoPs where
// most spurs end. Spurs chain through earlier-connected villages and detour through small villages
// on the way, so villages crossed by a route without a PoP exist, as they do on the ground.
import { distanceKm, PointGrid, round6, type LonLat } from './geometry.ts';
import { LineIndex } from './line-index.ts';
import { rngFor } from './prng.ts';
import type { FibrePop, FibreRoute, Settlement } from './types.ts';

export const FIBRE_RULE = {
  backboneOperator: 'Illustrative backbone operator',
  /** one fictitious PPP concessionaire per oblast, by the oblast's P-code order */
  pppOperators: ['Illustrative PPP operator A', 'Illustrative PPP operator B', 'Illustrative PPP operator C'],
  /** villages and hamlets from this size within `spurMaxKm` of the backbone are candidates */
  spurMinPopulation: 250,
  spurMaxKm: 60,
  /**
   * Share of candidates given a built spur; of the rest, share given a planned one. The public
   * programme brings fibre to 3,000+ villages by the end of 2026 (satellite for the remote rest by
   * 2027): every candidate left without a built spur is planned, for 2026 or slipping into 2027.
   */
  builtShare: 0.75 as number,
  plannedShare: 1 as number,
  builtYears: [2019, 2024] as readonly [number, number],
  plannedYears: [2026, 2027] as readonly [number, number],
  /** a spur may bend through one small village if that lengthens it by at most this factor */
  viaMaxDetour: 1.1,
  viaMinSpurKm: 3,
  /** share of built spurs to villages that end with a PoP; cities and towns always have one */
  popShare: 0.85 as number,
  oltFromPopulation: 1000,
  spliceShare: 0.05 as number,
} as const;

export interface FibreResult {
  routes: FibreRoute[];
  pops: FibrePop[];
  /** settlements a built route reaches (targets, chain nodes and detour villages) */
  onNetwork: Set<string>;
}

const r6 = (p: LonLat): [number, number] => [round6(p[0]), round6(p[1])];

/** An operational railway line of the source (its `seg_id` and geometry). */
export interface RailwayLine {
  segId: number;
  coords: readonly LonLat[];
}

export type FibreRule = typeof FIBRE_RULE;

export function deriveFibre(
  settlements: readonly Settlement[], railways: readonly RailwayLine[], seed: number, rule: FibreRule = FIBRE_RULE,
): FibreResult {
  const backbone = new LineIndex(railways.map((r) => r.coords));
  const oblasts = [...new Set(settlements.map((s) => s.adm1))].sort();
  const operatorOf = (s: Settlement) => rule.pppOperators[oblasts.indexOf(s.adm1) % rule.pppOperators.length]!;

  const routes: FibreRoute[] = railways.map((r) => ({
    id: `ill-backbone-${r.segId}`, operator: rule.backboneOperator, status: 'built', year: null, programme: 'backbone', lines: [r.coords.map(r6)],
  }));
  const pops: FibrePop[] = [];

  // Candidates, each with its nearest backbone point; sorted nearest first so chains grow outwards.
  type Candidate = { s: Settlement; bb: { point: [number, number]; distanceKm: number } };
  const built: Candidate[] = [], planned: Candidate[] = [];
  for (const s of [...settlements].sort((a, b) => a.osmId - b.osmId)) {
    const urban = s.place === 'city' || s.place === 'town';
    const rural = (s.place === 'village' || s.place === 'hamlet') && s.pop >= rule.spurMinPopulation;
    if (!urban && !rural) continue;
    const bb = backbone.nearest(s.at, rule.spurMaxKm);
    if (!bb) continue;
    const rng = rngFor(seed, 'fibre-select', s.id);
    if (urban || rng.chance(rule.builtShare)) built.push({ s, bb });
    else if (rng.chance(rule.plannedShare)) planned.push({ s, bb });
  }
  const nearestFirst = (a: Candidate, b: Candidate) => a.bb.distanceKm - b.bb.distanceKm || a.s.osmId - b.s.osmId;
  built.sort(nearestFirst);
  planned.sort(nearestFirst);

  const smallPlaces = new PointGrid<Settlement>();
  for (const s of [...settlements].sort((a, b) => a.osmId - b.osmId)) {
    if (s.place === 'village' || s.place === 'hamlet') smallPlaces.add(s.at, s);
  }
  const network = new PointGrid<{ s: Settlement; year: number | null }>();
  const onNetwork = new Set<string>();
  const join = (s: Settlement, year: number | null) => {
    if (onNetwork.has(s.id)) return;
    onNetwork.add(s.id);
    network.add(s.at, { s, year });
  };

  // Where a new spur starts: the nearest connected settlement if it is nearer than the backbone.
  const attachPoint = (c: Candidate) => {
    const near = network.within(c.s.at, c.bb.distanceKm).find((e) => e.item.s.id !== c.s.id);
    return near && near.distanceKm < c.bb.distanceKm
      ? { from: near.at, year: near.item.year }
      : { from: c.bb.point as LonLat, year: null };
  };

  for (const c of built) {
    const { s } = c;
    const urban = s.place === 'city' || s.place === 'town';
    const rng = rngFor(seed, 'fibre-spur', s.id);
    const operator = urban ? rule.backboneOperator : operatorOf(s);
    if (!onNetwork.has(s.id)) {
      const { from, year: parentYear } = attachPoint(c);
      // a spur hanging on another was laid in the same campaign: it takes that spur's year
      const draw = rng.int(rule.builtYears[0], rule.builtYears[1]);
      const year = urban ? null : (parentYear ?? draw);
      const line: LonLat[] = [from];
      const spanKm = distanceKm(from, s.at);
      if (!urban && spanKm >= rule.viaMinSpurKm) {
        const mid: LonLat = [(from[0] + s.at[0]) / 2, (from[1] + s.at[1]) / 2];
        let best: { v: Settlement; detour: number } | null = null;
        for (const { item: v } of smallPlaces.within(mid, (spanKm * rule.viaMaxDetour) / 2)) {
          if (v.id === s.id || onNetwork.has(v.id)) continue;
          const detour = (distanceKm(from, v.at) + distanceKm(v.at, s.at)) / spanKm;
          if (detour <= rule.viaMaxDetour && (!best || detour < best.detour)) best = { v, detour };
        }
        if (best) {
          line.push(best.v.at);
          join(best.v, year);
        }
      }
      line.push(s.at);
      if (spanKm > 0.01) {
        routes.push({ id: `ill-spur-${s.osmId}`, operator, status: 'built', year, programme: urban ? 'backbone' : 'PPP', lines: [line.map(r6)] });
      }
      join(s, year);
    }
    if (urban || rng.chance(rule.popShare)) {
      const kind = !urban && rng.chance(rule.spliceShare) ? 'splice' : urban || s.pop >= rule.oltFromPopulation ? 'olt' : 'odf';
      pops.push({ id: `ill-pop-${s.osmId}`, operator, kind, settlement_id: s.id, at: r6(s.at) });
    }
  }

  for (const c of planned) {
    if (onNetwork.has(c.s.id)) continue; // a detour already passes through it
    const { from } = attachPoint(c);
    if (distanceKm(from, c.s.at) <= 0.01) continue;
    const year = rngFor(seed, 'fibre-planned', c.s.id).int(rule.plannedYears[0], rule.plannedYears[1]);
    routes.push({
      id: `ill-planned-${c.s.osmId}`, operator: operatorOf(c.s), status: 'planned', year, programme: 'PPP', lines: [[r6(from), r6(c.s.at)]],
    });
  }

  routes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  pops.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { routes, pops, onNetwork };
}
