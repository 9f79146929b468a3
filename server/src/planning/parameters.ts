// Every number of the gap engine a user might argue with, with its default and source
// (docs/planning-model.md). A parameter set is validated by zod and has a stable hash.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../app-error.ts';
import { TECHNOLOGY_REGISTRY, technologyDefaults, technologySchemas, uncertainUnitCosts } from './technologies/index.ts';

const positive = z.number().finite().positive();
const nonNegative = z.number().finite().min(0);
const share = z.number().finite().min(0).max(1);
const multiplier = z.number().finite().min(0).max(10);
/** Upper bounds keep one request's work bounded (issue 11): a 1e7 m drop limit ran 109× longer. */
const metres = (max: number) => positive.max(max);

const kindNumbers = z.object({ school: nonNegative.max(10_000), health: nonNegative.max(10_000), library: nonNegative.max(10_000), community: nonNegative.max(10_000), other: nonNegative.max(10_000) }).strict();

export const parametersSchema = z
  .object({
    spatial: z
      .object({
        attachRadiusM: metres(50_000), // facility without settlement → nearest settlement within this
        roadSnapLimitM: metres(20_000), // farther from a road than this: no road path
        maxFibreDropM: metres(100_000), // longest fibre drop; also bounds the road search
      })
      .strict(),
    villageRadiusM: metres(20_000), // a built route this close to the settlement point "reaches" it
    routeFactor: z.number().finite().min(1).max(5), // path = geodesic × factor without roads
    /** rural: facilities in cities and towns are listed as out of scope, not ranked; all: everyone. */
    scope: z.enum(['rural', 'all']),
    /** The plan's year 0 (a planned route dated before or in it counts as built in a phased plan). */
    baseYear: z.number().int().min(2000).max(2100),
    finance: z
      .object({
        discountRate: z.number().finite().min(0).max(1),
        years: z.number().int().min(1).max(30),
        /** Yearly growth of demand g: demand in year t = D0 × (1 + g)^t. */
        demandGrowth: z.number().finite().min(0).max(1),
        /** false: an option below the year-T demand is infeasible; true: allowed and flagged. */
        allowOutgrow: z.boolean(),
        kztPerUsd: positive.max(100_000),
      })
      .strict(),
    demandMbps: kindNumbers,
    // Each technology's parameters, under its key, from its module (technologies/*.ts).
    ...technologySchemas,
    /** Capex multiplier by admin1 or admin2 id (admin2 wins); absent = 1. */
    regionCostMultiplier: z.record(z.string().min(1).max(64), multiplier),
    score: z
      .object({
        connection: z.object({ none: multiplier, satellite: multiplier, mobile: multiplier, dsl: multiplier, unknown: multiplier }).strict(),
        hubSchool: multiplier,
        litVillage: multiplier,
        /** Applied when monitoring finds the facility's link chronically unavailable. */
        unreliable: multiplier,
      })
      .strict(),
    beneficiaries: z.object({ libraryPopulationShare: share, communityPopulationShare: share }).strict(),
    /** Ranges of the uncertain figures ('technology.field' → [min, max]) for Monte Carlo and sensitivity. */
    ranges: z.record(z.string().max(64), z.tuple([nonNegative, nonNegative])),
  })
  .strict();

export type Parameters = z.infer<typeof parametersSchema>;

/** The uncertain figures: every technology's ranged unit costs, and demand growth (model: 0–30 %). */
function defaultRanges(): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const u of uncertainUnitCosts()) out[u.name] = [u.min, u.max];
  out['finance.demandGrowth'] = [0, 0.3];
  return out;
}

export const DEFAULT_PARAMETERS: Parameters = {
  spatial: {
    attachRadiusM: 3000, // planning model "Inputs": 3 km
    roadSnapLimitM: 1000, // ours: a trench rarely leaves a road for more than 1 km
    maxFibreDropM: 20000, // planning model: 20 km
  },
  villageRadiusM: 2000, // ours: a Kazakh village spans ~1–3 km; the model leaves it to us
  routeFactor: 1.2, // Giga open cost model (ITU CPP uses 1.1)
  scope: 'rural', // planning model "Scope": the fund's question is the rural settlements (СНП)
  baseYear: new Date().getUTCFullYear(), // planning model: default the current year
  finance: {
    discountRate: 0.05, // planning model; ITU CPP
    years: 10, // ITU CPP's example planning period (Giga's 5 never replaces a terminal)
    demandGrowth: 0.1, // planning model: 10 % a year (range 0–30 %)
    allowOutgrow: false, // planning model: an option below the year-T demand is infeasible
    kztPerUsd: 470, // National Bank of Kazakhstan, 2024 average ≈ 469 KZT/USD, rounded
  },
  demandMbps: { school: 20, health: 10, library: 10, community: 10, other: 10 }, // school: Giga; rest ours
  // Each technology's defaults and their sources live in its module (technologies/*.ts).
  ...technologyDefaults,
  regionCostMultiplier: {}, // planning model: default 1.0 everywhere
  score: {
    connection: { none: 1, satellite: 0.6, mobile: 0.5, dsl: 0.4, unknown: 1 }, // model; unknown: ours, as none
    hubSchool: 1.3,
    litVillage: 1.2,
    // ours: the model says only "flag unreliable"; 1.0 keeps the rank as the network predicts.
    unreliable: 1,
  },
  beneficiaries: {
    libraryPopulationShare: 0.3, // planning model
    communityPopulationShare: 0.3, // ours: as a library
  },
  ranges: defaultRanges(),
};

/** The value at a dotted path ('fibre.perKmUsd'); throws for a path that is not a number. */
export function valueAt(p: Parameters, path: string): number {
  let v: unknown = p;
  for (const k of path.split('.')) v = isPlain(v) ? v[k] : undefined;
  if (typeof v !== 'number') throw new ParameterError([{ field: path, message: 'not a numeric parameter' }]);
  return v;
}

/** A copy of `p` with the number at a dotted path replaced (the rest shared, never mutated). */
export function withValue(p: Parameters, path: string, value: number): Parameters {
  const keys = path.split('.');
  const set = (o: unknown, i: number): unknown => {
    if (i === keys.length) return value;
    const obj = isPlain(o) ? o : {};
    return { ...obj, [keys[i]!]: set(obj[keys[i]!], i + 1) };
  };
  valueAt(p, path);
  return set(p, 0) as Parameters;
}

/** The parameters of one technology, by its registry id. */
export function technologyParameters(p: Parameters): Record<string, Record<string, unknown>> {
  return Object.fromEntries(TECHNOLOGY_REGISTRY.map((t) => [t.id, p[t.parameterKey]]));
}

export class ParameterError extends AppError {
  constructor(readonly problems: Array<{ field: string; message: string }>) {
    super(400, 'invalid_parameters', `invalid planning parameters: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, problems);
    this.name = 'ParameterError';
  }
}

type Plain = { [k: string]: unknown };
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

function merge(base: unknown, over: unknown): unknown {
  if (!isPlain(base) || !isPlain(over)) return over === undefined ? base : over;
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
  return out;
}

/** Defaults overridden by `overrides` (deep), validated; unknown keys are rejected. */
export function parseParameters(overrides: unknown = {}): Parameters {
  const parsed = parametersSchema.safeParse(merge(DEFAULT_PARAMETERS, overrides ?? {}));
  if (!parsed.success) {
    throw new ParameterError(parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(root)', message: i.message })));
  }
  return parsed.data;
}

/** JSON with sorted keys: the same parameters give the same text whatever order they were written. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isPlain(v)) {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => v[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** A short hash of a text (16 hex digits of its SHA-256): parameter sets, spatial inputs, recipes. */
export const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/**
 * Version of the cost model's code: bumped when a change of the rules (not of a parameter) changes
 * results, so stored results computed by the older rules are recomputed.
 */
export const MODEL_VERSION = 'tco-registry-settlement-4';

/** Stable hash of a whole parameter set (and of the model version that reads it). */
export function parameterHash(p: Parameters): string {
  return sha(canonicalJson({ model: MODEL_VERSION, p }));
}

/** Hash of the parameters the spatial measures depend on: other changes keep the measures. */
export function spatialHash(p: Parameters): string {
  // `measures`: the version of what is measured (2: the nearest planned route was added).
  return sha(canonicalJson({ spatial: p.spatial, measures: 2 }));
}
