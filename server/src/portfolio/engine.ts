// One scenario run, pure: planned facilities (the gap engine's output) → shared trenches →
// ranked items → selection under the budget, curve, Monte Carlo percentiles. No I/O.
import { costPercentiles, drawUnitCosts, sumLinear, type CostRange, type LinearCost } from './monte-carlo.ts';
import type { PortfolioModel } from './model.ts';
import { costCurve, makeItem, rankItems, selectWithinBudget, type PortfolioFacility, type PortfolioItem } from './portfolio.ts';
import type { ChosenSite, ScenarioResult, TrenchFeature } from './result.ts';
import { geodesicPath, layTrench, pvifa, type AccessPoint, type PathFn, type Trench, type TrenchCostModel } from './trench.ts';
import { thin } from './report-html.ts';

/** A facility as the gap engine leaves it (docs/planning-model.md: measures, options, score). */
export type PlannedFacility = {
  facilityId: string;
  name: string | null;
  kind: string;
  settlementId: string | null;
  admin1Id: string | null;
  admin2Id: string | null;
  lon: number;
  lat: number;
  gapClass: string;
  technology: string;
  /** Stand-alone TCO of the recommended technology, USD, and as the gap engine shows it in KZT. */
  tcoUsd: number;
  tcoKzt: number;
  beneficiaries: number;
  /** Product of the score's named multipliers. */
  multiplier: number;
  demandMbps: number;
  /** Fibre drop path length (m) and where the drop starts; null when fibre is not the choice. */
  pathM: number | null;
  accessPoint: AccessPoint | null;
};

export const MAX_CURVE_POINTS = 2001;

export function regionMultiplier(model: PortfolioModel, f: Pick<PlannedFacility, 'admin1Id' | 'admin2Id'>): number {
  return (f.admin2Id && model.regionMultipliers[f.admin2Id]) || (f.admin1Id && model.regionMultipliers[f.admin1Id]) || 1;
}

export function trenchCostModel(model: PortfolioModel, multiplier: number): TrenchCostModel {
  return { ...model.fibre, multiplier, years: model.years, rate: model.rate };
}

/** Candidates: facilities not yet connected, with a finite cost. */
export function candidates(facilities: readonly PlannedFacility[]): PlannedFacility[] {
  return facilities.filter((f) => f.gapClass !== 'connected' && Number.isFinite(f.tcoUsd) && f.tcoUsd >= 0);
}

/**
 * Settlement clusters: two or more facilities of one settlement whose recommended technology is
 * fibre. The trench starts at the access point of the member nearest to fibre (ties by id).
 */
export function clusterTrenches(facilities: readonly PlannedFacility[], model: PortfolioModel, path: PathFn): Map<string, { members: PlannedFacility[]; trench: Trench }> {
  const groups = new Map<string, PlannedFacility[]>();
  for (const f of facilities) {
    if (f.technology !== 'fibre' || !f.settlementId || !f.accessPoint) continue;
    let g = groups.get(f.settlementId);
    if (!g) groups.set(f.settlementId, (g = []));
    g.push(f);
  }
  const out = new Map<string, { members: PlannedFacility[]; trench: Trench }>();
  for (const [sid, members] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (members.length < 2) continue;
    out.set(sid, layClusterTrench(members, model, path));
  }
  return out;
}

/** One settlement's trench over its fibre facilities (each with an access point), in id order. */
export function layClusterTrench(fibre: readonly PlannedFacility[], model: PortfolioModel, path: PathFn): { members: PlannedFacility[]; trench: Trench } {
  const members = [...fibre].sort((a, b) => (a.facilityId < b.facilityId ? -1 : a.facilityId > b.facilityId ? 1 : 0));
  const nearest = members.reduce((m, f) => ((f.pathM ?? Infinity) < (m.pathM ?? Infinity) ? f : m));
  const k = regionMultiplier(model, members[0]!);
  const nodes = members.map((f) => ({ id: f.facilityId, lon: f.lon, lat: f.lat, demandMbps: f.demandMbps }));
  return { members, trench: layTrench(nearest.accessPoint!, nodes, trenchCostModel(model, k), path) };
}

/** Where each uncertain unit cost sits in the model, so a draw can be compared with its default. */
function modeOf(model: PortfolioModel, name: string): number {
  switch (name) {
    case 'fibre.perKmUsd': return model.fibre.perKmUsd;
    case 'fibre.opexUsdPerMbps': return model.fibre.opexUsdPerMbps;
    case 'lte.cpeUsd': return model.lte.cpeUsd;
    default: throw new Error(`unknown uncertain unit cost '${name}'`);
  }
}

export function costRanges(model: PortfolioModel): CostRange[] {
  return model.ranges.map((r) => {
    const mode = modeOf(model, r.name);
    // A scenario may move a default outside the published range: widen the range to keep it.
    return { name: r.name, mode, min: Math.min(r.min, mode), max: Math.max(r.max, mode), distribution: r.distribution };
  });
}

/** cost(u) = base + Σ coef × (u − mode), in KZT. */
function linearKzt(baseUsd: number, coefUsd: Record<string, number>, ranges: readonly CostRange[], usdToKzt: number): LinearCost {
  const coef = new Float64Array(ranges.length);
  let constant = baseUsd * usdToKzt;
  ranges.forEach((r, j) => {
    const c = (coefUsd[r.name] ?? 0) * usdToKzt;
    coef[j] = c;
    constant -= c * r.mode;
  });
  return { constant, coef };
}

/** How a single facility's TCO moves with the unit costs of its technology (planning model formulas). */
function facilityCoefficients(f: PlannedFacility, model: PortfolioModel): Record<string, number> {
  const P = pvifa(model.rate, model.years);
  const k = regionMultiplier(model, f);
  if (f.technology === 'fibre') {
    return {
      'fibre.perKmUsd': (k * (f.pathM ?? 0) / 1000) * (1 + model.fibre.opexShare * P),
      'fibre.opexUsdPerMbps': f.demandMbps * P,
    };
  }
  if (f.technology === 'lte') return { 'lte.cpeUsd': k * (1 + model.lte.opexShare * P) };
  return {};
}

/** Shared trench TCO = k (sites + perKm × L + splices)(1 + opexShare × P) + perMbps × demand × P. */
function trenchCoefficients(t: Trench, members: readonly PlannedFacility[], model: PortfolioModel): Record<string, number> {
  const P = pvifa(model.rate, model.years);
  const k = regionMultiplier(model, members[0]!);
  const demand = members.reduce((s, f) => s + f.demandMbps, 0);
  return { 'fibre.perKmUsd': (k * t.lengthM / 1000) * (1 + model.fibre.opexShare * P), 'fibre.opexUsdPerMbps': demand * P };
}

/**
 * The trench's distances: from the access point to a facility, the gap engine's own drop path
 * (along roads where it found one, else geodesic × route factor); between two facilities of the
 * village, geodesic × route factor (the bundled roads are trunk roads, not village streets).
 */
export function villagePath(facilities: readonly PlannedFacility[], routeFactor: number): PathFn {
  const geo = geodesicPath(routeFactor);
  const drop = new Map<string, { access: string; pathM: number }>();
  for (const f of facilities) if (f.accessPoint && f.pathM !== null) drop.set(f.facilityId, { access: f.accessPoint.id, pathM: f.pathM });
  return (a, b) => {
    const ab = drop.get(b.id);
    if (ab && ab.access === a.id) return { meters: ab.pathM };
    const ba = drop.get(a.id);
    if (ba && ba.access === b.id) return { meters: ba.pathM };
    return geo(a, b);
  };
}

export const villagePathMethod = (routeFactor: number) =>
  `access point → facility: the gap engine's drop path (roads where found, else geodesic × ${routeFactor}); facility → facility: geodesic × ${routeFactor}`;

export type RunOptions = { path?: PathFn; pathMethod?: string };

export function runPortfolio(all: readonly PlannedFacility[], model: PortfolioModel, budgetKzt: number, options: RunOptions = {}): ScenarioResult {
  const path = options.path ?? villagePath(all, model.routeFactor);
  const pathMethod = options.pathMethod ?? villagePathMethod(model.routeFactor);
  const ranges = costRanges(model);
  const fx = model.usdToKzt;
  const cands = candidates(all);
  const clusters = clusterTrenches(cands, model, path);

  const items: PortfolioItem[] = [];
  const linear = new Map<string, LinearCost>();
  const meta = new Map<string, { f: PlannedFacility; clusterId: string | null }>();
  const trenchOf = new Map<string, { settlementId: string; trench: Trench }>();
  const clustered = new Set<string>();
  const toPortfolio = (f: PlannedFacility, costKzt: number): PortfolioFacility => ({
    facilityId: f.facilityId, kind: f.kind, admin1Id: f.admin1Id, admin2Id: f.admin2Id, costKzt, beneficiaries: f.beneficiaries, multiplier: f.multiplier,
  });
  for (const [sid, { members, trench }] of clusters) {
    const id = `cluster:${sid}`;
    const share = new Map(trench.shares.map((s) => [s.facilityId, s.allocatedTcoUsd * fx]));
    items.push(makeItem(id, members.map((f) => toPortfolio(f, share.get(f.facilityId)!))));
    linear.set(id, linearKzt(trench.tcoUsd, trenchCoefficients(trench, members, model), ranges, fx));
    trenchOf.set(id, { settlementId: sid, trench });
    for (const f of members) {
      clustered.add(f.facilityId);
      meta.set(f.facilityId, { f, clusterId: id });
    }
  }
  for (const f of cands) {
    if (clustered.has(f.facilityId)) continue;
    const id = `facility:${f.facilityId}`;
    items.push(makeItem(id, [toPortfolio(f, f.tcoKzt)]));
    linear.set(id, linearKzt(f.tcoKzt / fx, facilityCoefficients(f, model), ranges, fx));
    meta.set(f.facilityId, { f, clusterId: null });
  }

  const ranked = rankItems(items);
  const sel = selectWithinBudget(ranked, budgetKzt);
  const curve = costCurve(ranked);
  const m = ranges.length;
  const draws = drawUnitCosts(ranges, model.draws, model.seed);
  const scratch = new Float64Array(model.draws);
  const total = costPercentiles(sumLinear(sel.chosen.map((it) => linear.get(it.id)!), m), draws, m, scratch);

  const sites: ChosenSite[] = [];
  const trenches: TrenchFeature[] = [];
  for (const it of sel.chosen) {
    const lc = linear.get(it.id)!;
    // A cost with no uncertain part has equal percentiles: no need to sort the draws.
    const pc = lc.coef.some((c) => c !== 0) ? costPercentiles(lc, draws, m, scratch) : { p10: lc.constant, p50: lc.constant, p90: lc.constant };
    for (const pf of it.facilities) {
      const { f, clusterId } = meta.get(pf.facilityId)!;
      const share = it.costKzt > 0 ? pf.costKzt / it.costKzt : 0;
      sites.push({
        facilityId: f.facilityId, name: f.name, kind: f.kind, settlementId: f.settlementId, admin1Id: f.admin1Id, admin2Id: f.admin2Id,
        technology: f.technology, clusterId, costKzt: pf.costKzt, beneficiaries: f.beneficiaries, score: it.score, lon: f.lon, lat: f.lat,
        p10: pc.p10 * share, p50: pc.p50 * share, p90: pc.p90 * share,
      });
    }
    const t = trenchOf.get(it.id);
    if (t) {
      trenches.push({
        settlementId: t.settlementId, facilityIds: it.facilities.map((x) => x.facilityId), lengthM: t.trench.lengthM,
        costKzt: t.trench.tcoUsd * fx, savingKzt: t.trench.savingUsd * fx, geometry: t.trench.geometry,
      });
    }
  }
  return {
    budgetKzt,
    chosen: sel.facilityIds,
    totalCostKzt: sel.totalCostKzt,
    ...total,
    beneficiaries: sel.beneficiaries,
    weightedBeneficiaries: sel.weighted,
    byKind: sel.byKind,
    byRegion: sel.byRegion,
    byDistrict: sel.byDistrict,
    curve: thin(curve, MAX_CURVE_POINTS).map((p) => ({ costKzt: p.costKzt, beneficiaries: p.beneficiaries })),
    connectAllKzt: curve.at(-1)!.costKzt,
    candidates: cands.length,
    monteCarlo: { seed: model.seed, draws: model.draws, distribution: ranges.map((r) => `${r.name} ${r.distribution}(${r.min}, ${r.mode}, ${r.max})`).join('; ') },
    pathMethod,
    sites,
    trenches,
  };
}
