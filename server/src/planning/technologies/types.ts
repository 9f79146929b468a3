// What a connection technology is to the gap engine (style.md habit 16): one module per
// technology owns its parameters (schema, defaults with sources, ranges of the uncertain unit
// costs), its feasibility rule with a reason, its cost stream and its capacity. The engine, Monte
// Carlo, the sensitivity report, the portfolio, the API and the web legend read the list in ./index.ts.
import type { z } from 'zod';
import type { CostStream } from '../cost-stream.ts';

/** Where a fibre drop starts: the village PoP, or a mid-span splice on a passing built route. */
export type FibreAccess = { accessPoint: 'pop' | 'splice'; pathM: number; pathMethod: 'roads' | 'route_factor' };

/** Everything a technology may look at for one facility (distances rounded to cm already). */
export type SiteContext = {
  kind: string;
  /** Demand today (D0) and in the last year of the horizon (D_T), Mbps. */
  demandMbps: number;
  demandAtHorizonMbps: number;
  popDistanceM: number | null;
  routeDistanceM: number | null;
  roadPathPopM: number | null;
  roadPathSpliceM: number | null;
  mobileTechnology: string | null;
  settlementLit: boolean;
  /** The facility's current link (inventory) and its measured speed, if any. */
  connection: string;
  measuredMbps: number | null;
  regionMultiplier: number;
  routeFactor: number;
  maxFibreDropM: number;
  allowOutgrow: boolean;
  /** Yearly demand growth g. */
  growth: number;
  /** false: a figures-only evaluation, whose reasons keep their code and values but no text. Default true. */
  texts?: boolean;
};

/** A reason in words (English, for logs and the API) and as a code + values the web app translates. */
export type Reason = { readonly code: string; readonly values: Readonly<Record<string, number | string>>; readonly text: string };

export type Option = {
  technology: string;
  feasible: boolean;
  reason: Reason;
  /** null when the option cannot be costed at all (no fibre anywhere in the data). */
  stream: CostStream | null;
  capacityMbps: number;
  /** Year in which demand first exceeds the capacity (only with allowOutgrow), else null. */
  outgrowsInYear: number | null;
  fibre?: FibreAccess;
};

/** A technology whose cost is partly shared by the facilities of one settlement that take it. */
export type SharedCost = 'trench' | 'village_radio';

export type Technology<P extends Record<string, unknown> = Record<string, unknown>, K extends string = string> = {
  id: string;
  /** Its key in a parameter set (camelCase of the id): `parameters.ts` builds the schema from it. */
  parameterKey: K;
  /** How the "why" text names it in English ("a fibre drop"); the web app uses tech.<id> in i18n. */
  words: string;
  /** Costs shared by a settlement's facilities that take it (the choice is made per settlement). */
  shared: SharedCost | null;
  schema: z.ZodType<P>;
  defaults: P;
  /** Where each default comes from, field by field (docs/planning-model.md's table). */
  sources: Record<keyof P & string, string>;
  /** Uncertain unit costs: field → [min, max] (Monte Carlo, sensitivity). */
  ranges: Partial<Record<keyof P & string, readonly [number, number]>>;
  /** The option for one facility on its own (stand-alone figure); `all` for a technology that reads another's costs. */
  option(site: SiteContext, params: P, all: Record<string, Record<string, unknown>>): Option;
};

export const km = (m: number) => (m / 1000).toFixed(2);
/** Kilometres as a number (2 decimals), for reason values the web app formats in the user's locale. */
export const kmValue = (m: number) => Math.round(m / 10) / 100;

const CARRIES = Object.freeze({ ok: true, outgrowsInYear: null });

/** Capacity rule shared by every technology: infeasible below the year-T demand unless allowed to outgrow. */
export function capacityCheck(site: SiteContext, capacityMbps: number): { ok: boolean; outgrowsInYear: number | null } {
  if (capacityMbps >= site.demandAtHorizonMbps) return CARRIES;
  if (!site.allowOutgrow) return { ok: false, outgrowsInYear: null };
  let year = 0;
  while (site.demandMbps * (1 + site.growth) ** year <= capacityMbps) year++;
  return { ok: true, outgrowsInYear: year };
}

/** The reason an option fails the capacity rule, or null when it passes. */
export function capacityReason(site: SiteContext, capacityMbps: number): Reason | null {
  if (capacityCheck(site, capacityMbps).ok) return null;
  const need = Math.round(site.demandAtHorizonMbps * 10) / 10;
  return { code: 'capacity', values: { capacityMbps, demandMbps: need }, text: say(site, () => `carries ${capacityMbps} Mbps, below the ${need} Mbps demand at the end of the horizon`) };
}

/** The values of a reason that has none: one object, never changed (a reason is read, not edited). */
const NO_VALUES: Record<string, number | string> = Object.freeze({});

export const reason = (code: string, text: string, values: Record<string, number | string> = NO_VALUES): Reason => ({ code, values, text });

/**
 * An option that is not feasible, for the reason given. A module-level function, not a closure made
 * in each option call: the TypeScript loader names every such closure when it is made (a property
 * definition each time, ≈ 0.4 µs), three times per facility.
 */
export function infeasible(technology: string, stream: CostStream | null, capacityMbps: number, code: string, text: string, values?: Record<string, number | string>): Option {
  return { technology, feasible: false, reason: reason(code, text, values), stream, capacityMbps, outgrowsInYear: null };
}

/** A reason's text, made only when the evaluation shows words (numbers formatted as text cost more than the option's figures). */
export const say = (site: SiteContext, text: () => string): string => (site.texts === false ? '' : text());
