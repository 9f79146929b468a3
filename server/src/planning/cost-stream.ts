// A technology's costs over the planning horizon (docs/planning-model.md "Technology options and
// cost"): capex at year 0; each capex item bought again at the end of its lifetime while that falls
// inside the horizon; yearly costs in years 1…T, the per-Mbps part following that year's demand;
// everything discounted at r. Pure: the one cost code path of the gap engine, the settlement
// choice, Monte Carlo and the sensitivity report.

/**
 * One thing bought at year 0. `lifetimeYears` null: never replaced (a cable, a trench).
 * `existing`: already on site (the facility's current link): not bought now, replaced at L, 2L, …
 */
export type CapexItem = { readonly item: string; readonly usd: number; readonly lifetimeYears: number | null; readonly existing?: boolean };

/** What an option costs: capex items, a fixed yearly cost and a yearly cost per Mbps of demand. */
export type CostStream = { readonly capex: readonly CapexItem[]; readonly fixedUsdPerYear: number; readonly usdPerMbpsYear: number };

export type Horizon = { readonly years: number; readonly rate: number; readonly growth: number };

export type Replacement = { year: number; item: string; usd: number };

/** Read only: a shared stream's figures-only costing is one object for many facilities (sharedStream). */
export type Costed = {
  readonly capexUsd: number;
  /** Year 1's recurring cost (fixed + per-Mbps × year-1 demand). */
  readonly yearlyUsd: number;
  readonly replacements: readonly Replacement[];
  /** Present value over the horizon: capex + discounted recurring costs + discounted replacements. */
  readonly tcoUsd: number;
};

/** Demand in year t: D0 × (1 + g)^t (year 0 is the build). */
export const demandInYear = (d0: number, growth: number, t: number): number => d0 * (1 + growth) ** t;

/** Years an item is bought again: L, 2L, … strictly before T (a replacement due at T or later is outside). */
export function replacementYears(lifetimeYears: number | null, years: number): number[] {
  if (lifetimeYears === null || lifetimeYears <= 0) return [];
  const out: number[] = [];
  for (let t = lifetimeYears; t < years; t += lifetimeYears) out.push(t);
  return out;
}

/** Σ_{t=1..T} D_t / (1 + r)^t: the discounted Mbps-years a per-Mbps price is paid on. */
export function discountedDemand(d0: number, h: Horizon): number {
  return d0 * discountedGrowth(h);
}

// Σ (1 + g)^t / (1 + r)^t for the last horizon seen: every option of a run shares it.
let lastGrowth: { years: number; rate: number; growth: number; value: number } | null = null;
function discountedGrowth(h: Horizon): number {
  if (lastGrowth && lastGrowth.years === h.years && lastGrowth.rate === h.rate && lastGrowth.growth === h.growth) return lastGrowth.value;
  let s = 0;
  for (let t = 1; t <= h.years; t++) s += (1 + h.growth) ** t / (1 + h.rate) ** t;
  lastGrowth = { years: h.years, rate: h.rate, growth: h.growth, value: s };
  return s;
}

/** Σ_{t=1..T} 1 / (1 + r)^t (PVIFA): the discounted years a fixed yearly cost is paid. */
export function discountedYears(h: Horizon): number {
  if (lastYears && lastYears.years === h.years && lastYears.rate === h.rate) return lastYears.value;
  const value = h.rate === 0 ? h.years : (1 - (1 + h.rate) ** -h.years) / h.rate;
  lastYears = { years: h.years, rate: h.rate, value };
  return value;
}
// The last horizon's PVIFA, as for the growth sum above: every costing of a run asks for it.
let lastYears: { years: number; rate: number; value: number } | null = null;

/** The empty replacement list of every figures-only costing (never added to). */
const NONE: Replacement[] = [];

/**
 * TCO of a stream over the horizon. `detail: false` leaves `replacements` empty (same TCO): the
 * recompute, Monte Carlo and the sensitivity sweep read only the sums, and listing every
 * replacement of every option of every facility was most of their garbage. A shared stream's
 * figures-only costing (sharedStream) is made once per horizon and demand, and is not to be changed.
 */
export function costOver(stream: CostStream, demandMbps: number, h: Horizon, detail = true): Costed {
  const memo = detail ? undefined : costings.get(stream);
  if (!memo) return costOf(stream, demandMbps, h, detail);
  if (memo.h !== h || memo.demand.length >= COSTINGS_KEPT) {
    memo.h = h;
    memo.demand.length = 0;
    memo.costed.length = 0;
  }
  const at = memo.demand.indexOf(demandMbps);
  if (at >= 0) return memo.costed[at]!;
  const c = costOf(stream, demandMbps, h, false);
  memo.demand.push(demandMbps);
  memo.costed.push(c);
  return c;
}

function costOf(stream: CostStream, demandMbps: number, h: Horizon, detail: boolean): Costed {
  let capexUsd = 0;
  let tcoUsd = 0;
  const replacements: Replacement[] = detail ? [] : NONE;
  for (const c of stream.capex) {
    if (!c.existing) {
      capexUsd += c.usd;
      tcoUsd += c.usd;
    }
    if (c.lifetimeYears === null || c.lifetimeYears <= 0) continue;
    for (let year = c.lifetimeYears; year < h.years; year += c.lifetimeYears) {
      if (detail) replacements.push({ year, item: c.item, usd: c.usd });
      tcoUsd += c.usd / (1 + h.rate) ** year;
    }
  }
  tcoUsd += stream.fixedUsdPerYear * discountedYears(h) + stream.usdPerMbpsYear * discountedDemand(demandMbps, h);
  if (replacements.length > 1) replacements.sort((a, b) => a.year - b.year || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
  return { capexUsd, yearlyUsd: stream.fixedUsdPerYear + stream.usdPerMbpsYear * demandInYear(demandMbps, h.growth, 1), replacements, tcoUsd };
}

/**
 * The present value (at year 0) of running a stream only from year `from` to year `to`: its capex
 * bought at `from` (unless already there), replaced at from + L, from + 2L, … before `to`, and its
 * yearly costs in years from + 1 … to. Used for a phased plan: an interim link, then fibre.
 */
export function costBetween(stream: CostStream, demandMbps: number, h: Horizon, from: number, to: number, detail = true): { capexAtStartUsd: number; purchases: Replacement[]; tcoUsd: number } {
  let tcoUsd = 0;
  let capexAtStartUsd = 0;
  // Figures only: no purchase list (as costOver's replacements), the same sums.
  const purchases: Replacement[] = detail ? [] : NONE;
  for (const c of stream.capex) {
    if (!c.existing) {
      capexAtStartUsd += c.usd;
      tcoUsd += c.usd * (1 / (1 + h.rate) ** from);
      if (from > 0 && detail) purchases.push({ year: from, item: c.item, usd: c.usd });
    }
    if (c.lifetimeYears === null || c.lifetimeYears <= 0) continue;
    for (let t = c.lifetimeYears; t < to - from; t += c.lifetimeYears) {
      if (detail) purchases.push({ year: from + t, item: c.item, usd: c.usd });
      tcoUsd += c.usd * (1 / (1 + h.rate) ** (from + t));
    }
  }
  for (let t = from + 1; t <= to; t++) tcoUsd += (stream.fixedUsdPerYear + stream.usdPerMbpsYear * demandInYear(demandMbps, h.growth, t)) * (1 / (1 + h.rate) ** t);
  if (purchases.length > 1) purchases.sort((a, b) => a.year - b.year || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
  return { capexAtStartUsd, purchases, tcoUsd };
}

/** Capex items scaled by a regional multiplier (frozen ground, mountains, build season). */
export const scaled = (items: CapexItem[], k: number): CapexItem[] => items.map((c) => ({ ...c, usd: c.usd * k }));

// An equipment stream depends only on its technology's parameters, the region's multiplier and a
// variant (an existing terminal, a number of CPEs), not on the facility: a national run met the same
// few streams millions of times, building each anew and costing it anew for every facility and option.
// Now each is built once and shared, and so are its figures-only costings (costOver, by horizon and
// demand). Keyed by the parameters object: parameters are never changed in place (parameters.ts
// withValue makes a copy), and a run's horizon is one object. Memoisation only: the same figures.
const streams = new WeakMap<object, Map<string | number, Map<number, CostStream>>>();
const costings = new WeakMap<CostStream, { h: Horizon | null; demand: number[]; costed: Costed[] }>();
/** Costings kept per shared stream and horizon (demands: one per kind, and a radio base's sums). */
const COSTINGS_KEPT = 64;

/**
 * The stream `build(p, variant, k)` makes, made once per parameters object, variant and multiplier.
 * `build` must read nothing but its arguments, and be the only builder for its parameters object
 * (each technology's own): the builder is not part of the key.
 */
export function sharedStream<P extends object, V extends string | number>(p: P, variant: V, k: number, build: (p: P, variant: V, k: number) => CostStream): CostStream {
  let byVariant = streams.get(p);
  if (!byVariant) streams.set(p, (byVariant = new Map()));
  let byK = byVariant.get(variant);
  if (!byK) byVariant.set(variant, (byK = new Map()));
  let s = byK.get(k);
  if (!s) {
    byK.set(k, (s = build(p, variant, k)));
    costings.set(s, { h: null, demand: [], costed: [] });
  }
  return s;
}

/**
 * The shape every equipment technology shares (radio link, village radio, 4G, satellite, and
 * keeping a current link): capex items at list price scaled by the region's multiplier; a yearly
 * cost made of a fixed fee plus a share of that (scaled) capex; and a price per Mbps of demand.
 */
export function equipmentStream(
  items: CapexItem[],
  k: number,
  yearly: { fixedUsd?: number; shareOfCapex?: number; usdPerMbps?: number },
): CostStream {
  const capex = k === 1 ? items : scaled(items, k);
  let shared = 0;
  if (yearly.shareOfCapex) for (const c of capex) shared += c.usd;
  return { capex, fixedUsdPerYear: (yearly.fixedUsd ?? 0) + (yearly.shareOfCapex ?? 0) * shared, usdPerMbpsYear: yearly.usdPerMbps ?? 0 };
}
