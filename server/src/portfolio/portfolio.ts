// Portfolio under a budget: greedy by score over settlement clusters (a shared trench counted
// once) and the remaining single facilities, and the cost–beneficiaries curve from the same pass
// (docs/planning-model.md, "Portfolio under a budget"). Pure: no I/O.

/** One facility as the portfolio sees it, after the gap engine and the trench. */
export type PortfolioFacility = {
  facilityId: string;
  kind: string;
  admin1Id: string | null;
  admin2Id: string | null;
  /** Its cost in the portfolio: stand-alone TCO, or its allocated share of a shared trench. */
  costKzt: number;
  beneficiaries: number;
  /** The product of the model's named score multipliers (connection, hub, lit village …). */
  multiplier: number;
};

/** What is bought as one: a settlement cluster on one trench, or a single facility. */
export type PortfolioItem = {
  id: string;
  facilities: PortfolioFacility[];
  costKzt: number;
  beneficiaries: number;
  /** Σ beneficiaries × multiplier: what the greedy maximises. */
  weighted: number;
  /** Weighted beneficiaries per million KZT of the item's TCO. */
  score: number;
};

export function makeItem(id: string, facilities: PortfolioFacility[]): PortfolioItem {
  let costKzt = 0, beneficiaries = 0, weighted = 0;
  for (const f of facilities) {
    costKzt += f.costKzt;
    beneficiaries += f.beneficiaries;
    weighted += f.beneficiaries * f.multiplier;
  }
  // A free item (nothing to build) goes first; its score is infinite, not NaN.
  const score = costKzt > 0 ? weighted / (costKzt / 1e6) : Infinity;
  return { id, facilities, costKzt, beneficiaries, weighted, score };
}

/** Best score first; ties by id, so the same input gives the same order on every run. */
export function rankItems(items: readonly PortfolioItem[]): PortfolioItem[] {
  return [...items].sort((a, b) => (b.score - a.score) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export type CurvePoint = { costKzt: number; beneficiaries: number; weighted: number };

/**
 * The cost–beneficiaries curve for budgets from zero to connect-all: the running totals along the
 * ranked order. Each point is exactly what the greedy buys with that budget.
 */
export function costCurve(ranked: readonly PortfolioItem[]): CurvePoint[] {
  const curve: CurvePoint[] = [{ costKzt: 0, beneficiaries: 0, weighted: 0 }];
  let c = 0, b = 0, w = 0;
  for (const it of ranked) {
    c += it.costKzt;
    b += it.beneficiaries;
    w += it.weighted;
    curve.push({ costKzt: c, beneficiaries: people(b), weighted: w });
  }
  return curve;
}

export type Breakdown = { facilities: number; beneficiaries: number; costKzt: number };
export type Selection = {
  budgetKzt: number;
  chosen: PortfolioItem[];
  facilityIds: string[];
  totalCostKzt: number;
  beneficiaries: number;
  weighted: number;
  byKind: Record<string, Breakdown>;
  byRegion: Record<string, Breakdown>;
  byDistrict: Record<string, Breakdown>;
};

/**
 * Walks the ranked items and takes each one that still fits the remaining budget (an item that
 * does not fit is skipped, so a cheaper one further down can use the money). The weighted
 * beneficiaries bought never fall as the budget grows: the first item a larger budget takes and a
 * smaller one skips is worth more than everything the smaller budget buys with what it has left.
 */
export function selectWithinBudget(ranked: readonly PortfolioItem[], budgetKzt: number): Selection {
  const chosen: PortfolioItem[] = [];
  let left = budgetKzt;
  for (const it of ranked) {
    if (it.costKzt <= left) {
      chosen.push(it);
      left -= it.costKzt;
    }
  }
  return summarise(chosen, budgetKzt);
}

export function summarise(chosen: PortfolioItem[], budgetKzt: number): Selection {
  const byKind: Record<string, Breakdown> = {};
  const byRegion: Record<string, Breakdown> = {};
  const byDistrict: Record<string, Breakdown> = {};
  const facilityIds: string[] = [];
  let totalCostKzt = 0, beneficiaries = 0, weighted = 0;
  for (const it of chosen) {
    totalCostKzt += it.costKzt;
    beneficiaries += it.beneficiaries;
    weighted += it.weighted;
    for (const f of it.facilities) {
      facilityIds.push(f.facilityId);
      add(byKind, f.kind, f);
      add(byRegion, f.admin1Id ?? 'unknown', f);
      add(byDistrict, f.admin2Id ?? 'unknown', f);
    }
  }
  for (const into of [byKind, byRegion, byDistrict]) for (const v of Object.values(into)) v.beneficiaries = people(v.beneficiaries);
  return { budgetKzt, chosen, facilityIds, totalCostKzt, beneficiaries: people(beneficiaries), weighted, byKind, byRegion, byDistrict };
}

/** Library beneficiaries are a share of a population (2 decimals): sums lose the float noise. */
const people = (x: number) => Math.round(x * 100) / 100;

function add(into: Record<string, Breakdown>, key: string, f: PortfolioFacility): void {
  const b = (into[key] ??= { facilities: 0, beneficiaries: 0, costKzt: 0 });
  b.facilities += 1;
  b.beneficiaries += f.beneficiaries;
  b.costKzt += f.costKzt;
}
