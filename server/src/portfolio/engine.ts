// One scenario run, pure: planned facilities (the gap engine's output) → shared trenches →
// ranked items → selection under the budget, curve, Monte Carlo percentiles. No I/O.
import { costPercentiles, drawUnitCosts, sumLinear, type CostRange, type LinearCost } from './monte-carlo.ts';
import type { PortfolioModel } from './model.ts';
import { costCurve, makeItem, rankItems, selectWithinBudget, type PortfolioFacility, type PortfolioItem } from './portfolio.ts';
import type { ChosenSite, FacilityPlace, ScenarioResult, TrenchFeature } from './result.ts';
import { thin } from './report-html.ts';

/** A facility as the gap engine leaves it (docs/planning-model.md: measures, options, score). */
export type PlannedFacility = FacilityPlace & {
  gapClass: string;
  /** The settlement choice's technology; 'keep' (no new work) and 'none' (nothing feasible) are not candidates. */
  technology: string;
  inScope: boolean;
  /** Its allocated TCO (its share of a shared trench or radio base), USD, and as the gap engine shows it in KZT. */
  tcoUsd: number;
  tcoKzt: number;
  beneficiaries: number;
  /** Product of the score's named multipliers. */
  multiplier: number;
  demandMbps: number;
  /** The shared trench or village radio base it is built with (gap engine's settlement choice). */
  groupId: string | null;
  /** d(TCO USD)/d(unit cost) for each uncertain unit cost, the choice held fixed (plan-source.ts). */
  coefUsd: Record<string, number>;
};

/** A trench or a radio base shared by facilities of one settlement, as the gap engine laid it. */
export type PlannedGroup = {
  id: string;
  kind: 'trench' | 'village_radio';
  settlementId: string;
  memberIds: string[];
  lengthM: number | null;
  tcoUsd: number;
  savingUsd: number;
  geometry: { type: 'MultiLineString'; coordinates: Array<Array<[number, number]>> } | null;
};

export const MAX_CURVE_POINTS = 2001;

/** Candidates: in scope, not connected, with new work to fund and a finite cost. */
export function candidates(facilities: readonly PlannedFacility[]): PlannedFacility[] {
  return facilities.filter((f) => f.inScope && f.gapClass !== 'connected' && f.technology !== 'keep' && f.technology !== 'none' && Number.isFinite(f.tcoUsd) && f.tcoUsd >= 0);
}

export function costRanges(model: PortfolioModel): CostRange[] {
  return model.ranges.map((r) => {
    const mode = model.modes[r.name]!;
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

const sumCoefs = (fs: readonly PlannedFacility[]) => {
  const out: Record<string, number> = {};
  for (const f of fs) for (const [k, v] of Object.entries(f.coefUsd)) out[k] = (out[k] ?? 0) + v;
  return out;
};

export const villagePathMethod = (routeFactor: number) =>
  `access point → facility: the gap engine's drop path (roads where found, else geodesic × ${routeFactor}); facility → facility: geodesic × ${routeFactor}`;

export type RunOptions = { pathMethod?: string };

export function runPortfolio(all: readonly PlannedFacility[], groups: readonly PlannedGroup[], model: PortfolioModel, budgetKzt: number, options: RunOptions = {}): ScenarioResult {
  const pathMethod = options.pathMethod ?? villagePathMethod(model.routeFactor);
  const ranges = costRanges(model);
  const fx = model.usdToKzt;
  const cands = candidates(all);
  const groupById = new Map(groups.map((g) => [g.id, g]));

  const items: PortfolioItem[] = [];
  const linear = new Map<string, LinearCost>();
  const meta = new Map<string, { f: PlannedFacility; clusterId: string | null }>();
  const members = new Map<string, PlannedFacility[]>();
  const toPortfolio = (f: PlannedFacility): PortfolioFacility => ({
    facilityId: f.facilityId, kind: f.kind, admin1Id: f.admin1Id, admin2Id: f.admin2Id, costKzt: f.tcoKzt, beneficiaries: f.beneficiaries, multiplier: f.multiplier,
  });
  // A settlement's shared trench or radio base is bought as one item (its cost counted once).
  for (const f of cands) {
    const id = f.groupId && groupById.has(f.groupId) ? `cluster:${f.groupId}` : `facility:${f.facilityId}`;
    let m = members.get(id);
    if (!m) members.set(id, (m = []));
    m.push(f);
  }
  for (const [id, fs] of [...members].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    items.push(makeItem(id, fs.map(toPortfolio)));
    linear.set(id, linearKzt(fs.reduce((s, f) => s + f.tcoUsd, 0), sumCoefs(fs), ranges, fx));
    for (const f of fs) meta.set(f.facilityId, { f, clusterId: id.startsWith('cluster:') ? f.groupId : null });
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
    const g = it.id.startsWith('cluster:') ? groupById.get(it.id.slice('cluster:'.length)) : undefined;
    if (g && g.kind === 'trench' && g.geometry && g.lengthM !== null) {
      trenches.push({
        settlementId: g.settlementId, facilityIds: it.facilities.map((x) => x.facilityId), lengthM: g.lengthM,
        costKzt: g.tcoUsd * fx, savingKzt: g.savingUsd * fx, geometry: g.geometry,
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
