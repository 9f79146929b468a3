// Remembers each facility's costed stand-alone option of a technology between evaluations whose
// inputs for that option are the same: a cost-only change of one technology (a what-if, one end of
// a sensitivity range, a Monte Carlo slope) costs that technology again and reuses the others.
// Memoisation only: a hit returns what the same call computed before (tests/unit/planning-rerank.test.ts).
// Used only by runs that ask for it (evaluate.ts EvaluateOptions.remember: the scenario plan's Monte
// Carlo slopes); a cost-only re-rank ran faster without it (session 23, the measurements there).
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
 * Signatures kept: a sweep moves one figure at a time, so the default's six stay hot. A facility
 * keeps at most OPTIONS_KEPT costed options per technology (a few hundred bytes each):
 * 19,000 facilities × 6 technologies × 4 ≈ 100 MB at most.
 */
const MAX_SIGNATURES = 16;
const OPTIONS_KEPT = 4;
/** Above this many facilities the memo is not used: its memory grows with facilities × signatures. */
export const MEMO_MAX_FACILITIES = 50_000;

// A token per signature, the same object while the signature is kept: a facility's option is
// found by comparing tokens, not signature texts. Least recently used signatures are dropped (their
// options then never match again and are overwritten).
const tokens = new Map<string, object>();

/** The token of one signature (least recently used signatures are dropped). */
export function signatureToken(signature: string): object {
  let t = tokens.get(signature);
  if (t) tokens.delete(signature);
  else t = {};
  tokens.set(signature, t);
  while (tokens.size > MAX_SIGNATURES) tokens.delete(tokens.keys().next().value!);
  return t;
}

/**
 * What the evaluations remember of one facility (its input object): per technology, its costed
 * option under up to OPTIONS_KEPT signature tokens (most recent first), and the choices of the
 * settlements it was evaluated first of. One map lookup per facility, then compared by identity.
 */
export type FacilityMemo<O, C> = { tokens: Array<object | undefined>; options: Array<O | undefined>; choices: C[] | null };

// A plain map, not a WeakMap: V8 traces weak entries slowly. Cleared whole when it outgrows the
// facilities a memo is kept for (inputs re-read after a re-measure are new objects).
const facilities = new Map<object, FacilityMemo<unknown, unknown>>();

export function facilityMemo<O, C>(key: object, technologies: number): FacilityMemo<O, C> {
  let m = facilities.get(key);
  if (!m) {
    if (facilities.size >= MEMO_MAX_FACILITIES) facilities.clear();
    const n = technologies * OPTIONS_KEPT;
    facilities.set(key, (m = { tokens: new Array<undefined>(n).fill(undefined), options: new Array<undefined>(n).fill(undefined), choices: null }));
  }
  return m as FacilityMemo<O, C>;
}

/** The option of technology `t` (its registry index) costed under `token`, if remembered. */
export function rememberedOption<O>(m: FacilityMemo<O, unknown>, t: number, token: object): O | undefined {
  const at = t * OPTIONS_KEPT;
  for (let s = at; s < at + OPTIONS_KEPT; s++) if (m.tokens[s] === token) return m.options[s];
  return undefined;
}

/** Remembers `o` as technology `t`'s option under `token`, in front; the least recent falls out. */
export function rememberOption<O>(m: FacilityMemo<O, unknown>, t: number, token: object, o: O): void {
  const at = t * OPTIONS_KEPT;
  for (let s = at + OPTIONS_KEPT - 1; s > at; s--) {
    m.tokens[s] = m.tokens[s - 1];
    m.options[s] = m.options[s - 1];
  }
  m.tokens[at] = token;
  m.options[at] = o;
}
