// Seeded Monte Carlo over the unit-cost ranges of the model: P10/P50/P90 of a cost.
// One draw is one state of the market: every facility and cluster sees the same unit costs in a
// draw, so a portfolio's spread is the spread of its sum (costs move together, as prices do).
// Every cost here is linear in the unit costs (capex = site + per-km × km …; opex a share of it),
// so each cost is reduced once to constant + Σ coef × unit cost and a draw costs m multiply-adds.
import { mulberry32, triangular, uniform } from '../prng.ts';

export type CostRange = {
  name: string;
  min: number;
  /** The model's default: the mode of the triangular distribution. */
  mode: number;
  max: number;
  distribution: 'triangular' | 'uniform';
};

/** Unit-cost ranges from docs/planning-model.md ("Technology options and cost"), USD. */
export const DEFAULT_RANGES: readonly CostRange[] = [
  { name: 'fibre.perKmUsd', min: 5000, mode: 8000, max: 20000, distribution: 'triangular' }, // Giga; ITU CPT
  { name: 'fibre.opexUsdPerMbps', min: 1.6, mode: 3, max: 5.5, distribution: 'triangular' }, // ITU CPP
  { name: 'lte.cpeUsd', min: 120, mode: 200, max: 300, distribution: 'triangular' }, // ITU CPP; Giga
];

/** cost(u) = constant + Σ coef[j] × u[j] over the uncertain unit costs u. */
export type LinearCost = { constant: number; coef: Float64Array };

/**
 * Reduces a cost function to its linear form by one step per unit cost, then checks the form at a
 * second point: a function that is not linear (e.g. one that re-picks the technology) is refused.
 */
export function linearise(f: (u: readonly number[]) => number, base: readonly number[], what = 'cost'): LinearCost {
  const f0 = f(base);
  const coef = new Float64Array(base.length);
  for (let j = 0; j < base.length; j++) {
    const step = Math.max(1, Math.abs(base[j]!));
    const u = [...base];
    u[j] = base[j]! + step;
    coef[j] = (f(u) - f0) / step;
  }
  let constant = f0;
  for (let j = 0; j < base.length; j++) constant -= coef[j]! * base[j]!;
  const probe = base.map((b, j) => b * (1.5 + 0.25 * j));
  const want = evaluate({ constant, coef }, probe);
  const got = f(probe);
  if (Math.abs(want - got) > 1e-6 * Math.max(1, Math.abs(got))) {
    throw new Error(`while linearising ${what}: it is not linear in the unit costs (${got} ≠ ${want})`);
  }
  return { constant, coef };
}

export function evaluate(c: LinearCost, u: ArrayLike<number>): number {
  let s = c.constant;
  for (let j = 0; j < c.coef.length; j++) s += c.coef[j]! * u[j]!;
  return s;
}

export function sumLinear(costs: readonly LinearCost[], m: number): LinearCost {
  const coef = new Float64Array(m);
  let constant = 0;
  for (const c of costs) {
    constant += c.constant;
    for (let j = 0; j < m; j++) coef[j]! += c.coef[j]!;
  }
  return { constant, coef };
}

/** The draws, row-major: draw s, unit cost j at [s × m + j]. Same seed → same numbers. */
export function drawUnitCosts(ranges: readonly CostRange[], draws: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  const m = ranges.length;
  const out = new Float64Array(draws * m);
  for (let s = 0; s < draws; s++) {
    for (let j = 0; j < m; j++) {
      const r = ranges[j]!;
      out[s * m + j] = r.distribution === 'uniform' ? uniform(rng, r.min, r.max) : triangular(rng, r.min, r.mode, r.max);
    }
  }
  return out;
}

export type Percentiles = { p10: number; p50: number; p90: number };

/** Moves the k-th smallest of a[lo..hi] to a[k], smaller ones before it, larger after (Hoare). */
function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!; a[i] = a[j]!; a[j] = t;
        i++; j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** Smallest of a[lo..hi]. */
function minOf(a: Float64Array, lo: number, hi: number): number {
  let m = a[lo]!;
  for (let i = lo + 1; i <= hi; i++) if (a[i]! < m) m = a[i]!;
  return m;
}

/**
 * Linear interpolation between closest ranks (Hyndman–Fan type 7, numpy's default). Reorders
 * `values`: three selections (O(n) each) instead of a sort, since only three ranks are needed.
 */
export function percentilesInPlace(values: Float64Array): Percentiles {
  const n = values.length;
  const ranks = [0.1, 0.5, 0.9].map((p) => {
    const h = (n - 1) * p;
    return { lo: Math.floor(h), frac: h - Math.floor(h) };
  });
  // Select the median first, then each outer rank inside its own half.
  const [r10, r50, r90] = ranks as [typeof ranks[0], typeof ranks[0], typeof ranks[0]];
  select(values, r50.lo, 0, n - 1);
  if (r10.lo < r50.lo) select(values, r10.lo, 0, r50.lo - 1);
  if (r90.lo > r50.lo) select(values, r90.lo, r50.lo + 1, n - 1);
  // The next rank up is the smallest value above the selected one: within its segment.
  const at = (r: { lo: number; frac: number }, segmentEnd: number) => {
    const v = values[r.lo]!;
    if (r.frac === 0 || r.lo + 1 >= n) return v;
    return v + r.frac * (minOf(values, r.lo + 1, segmentEnd) - v);
  };
  return { p10: at(r10, r10.lo < r50.lo ? r50.lo : n - 1), p50: at(r50, r90.lo > r50.lo ? r90.lo : n - 1), p90: at(r90, n - 1) };
}

/** P10/P50/P90 of one linear cost over the draws; `scratch` (length = draws) avoids an allocation. */
export function costPercentiles(c: LinearCost, draws: Float64Array, m: number, scratch?: Float64Array): Percentiles {
  const n = draws.length / m;
  const v = scratch && scratch.length === n ? scratch : new Float64Array(n);
  const k = c.coef;
  for (let s = 0, o = 0; s < n; s++, o += m) {
    let x = c.constant;
    for (let j = 0; j < m; j++) x += k[j]! * draws[o + j]!;
    v[s] = x;
  }
  return percentilesInPlace(v);
}
