// Remembers each facility's costed stand-alone option of a technology between evaluations whose
// inputs for that option are the same: a cost-only change of one technology (a what-if, one end of
// a sensitivity range, a Monte Carlo slope) costs that technology again and reuses the others.
// Memoisation only: a hit returns what the same call computed before (tests/unit/planning-option-memo.test.ts).
import { canonicalJson, type Parameters } from './parameters.ts';

/**
 * What an option may depend on besides the facility: the site figures derived from parameters
 * (demand, horizon and growth, drop limit, route factor, village radius, region multipliers) and
 * the parameters of the technologies it reads (its own; `keep` reads satellite's and 4G's).
 */
export function optionSignatures(p: Parameters, technologies: ReadonlyArray<{ id: string; reads?: readonly string[] }>, all: Record<string, unknown>): string[] {
  const site = canonicalJson({
    demandMbps: p.demandMbps, finance: { ...p.finance, kztPerUsd: null }, maxFibreDropM: p.spatial.maxFibreDropM,
    routeFactor: p.routeFactor, villageRadiusM: p.villageRadiusM, regionCostMultiplier: p.regionCostMultiplier,
  });
  return technologies.map((t) => `${t.id}|${site}|${canonicalJson((t.reads ?? [t.id]).map((id) => all[id]))}`);
}

/**
 * Signatures kept: a sweep moves one figure at a time, so the default's six stay hot. Each holds one
 * costed option per facility (a few hundred bytes): 16 × 19,000 facilities ≈ 100 MB at most.
 */
const MAX_SIGNATURES = 16;
/** Above this many facilities the memo is not used: its memory grows with facilities × signatures. */
export const MEMO_MAX_FACILITIES = 50_000;

// Plain maps, not WeakMaps: V8 traces weak entries slowly, and a dropped signature frees its map.
const bySignature = new Map<string, Map<object, unknown>>();

/** The memo of one signature (least recently used signatures are dropped). */
export function memoFor<V>(signature: string): Map<object, V> {
  let m = bySignature.get(signature);
  if (m) bySignature.delete(signature);
  else m = new Map();
  bySignature.set(signature, m);
  while (bySignature.size > MAX_SIGNATURES) bySignature.delete(bySignature.keys().next().value!);
  return m as Map<object, V>;
}
