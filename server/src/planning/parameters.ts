// Every number of the gap engine a user might argue with, with its default and source
// (docs/planning-model.md). A parameter set is validated by zod and has a stable hash.
import { createHash } from 'node:crypto';
import { z } from 'zod';

const positive = z.number().finite().positive();
const nonNegative = z.number().finite().min(0);
const share = z.number().finite().min(0).max(1);
const multiplier = z.number().finite().min(0).max(10);

const kindNumbers = z.object({ school: nonNegative, health: nonNegative, library: nonNegative, community: nonNegative, other: nonNegative }).strict();

export const parametersSchema = z
  .object({
    spatial: z
      .object({
        attachRadiusM: positive, // facility without settlement → nearest settlement within this
        roadSnapLimitM: positive, // farther from a road than this: no road path
        maxFibreDropM: positive, // longest fibre drop; also bounds the road search
      })
      .strict(),
    villageRadiusM: positive, // a built route this close to the settlement point "reaches" it
    routeFactor: z.number().finite().min(1).max(5), // path = geodesic × factor without roads
    finance: z
      .object({ discountRate: z.number().finite().min(0).max(1), years: z.number().int().min(1).max(50), kztPerUsd: positive })
      .strict(),
    demandMbps: kindNumbers,
    fibre: z.object({ siteUsd: nonNegative, perKmUsd: nonNegative, spliceUsd: nonNegative, opexShareOfCapex: share, opexUsdPerMbps: nonNegative }).strict(),
    radio: z.object({ maxDistanceM: positive, siteUsd: nonNegative, towerUsd: nonNegative, opexShareOfCapex: share, opexUsdPerMbps: nonNegative }).strict(),
    lte: z.object({ cpeUsd: nonNegative, opexShareOfCapex: share, opexUsdPerMbps: nonNegative, max3gMbps: nonNegative }).strict(),
    satellite: z.object({ terminalUsd: nonNegative, opexShareOfCapex: share, opexUsdPerMbps: nonNegative, monthlyFeeUsd: nonNegative }).strict(),
    /** Capex multiplier by admin1 or admin2 id (admin2 wins); absent = 1. */
    regionCostMultiplier: z.record(z.string().min(1), multiplier),
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
    /** Ranges of the unit costs (for uncertainty runs); the values above are the defaults. */
    ranges: z.record(z.string(), z.tuple([nonNegative, nonNegative])),
  })
  .strict();

export type Parameters = z.infer<typeof parametersSchema>;

export const DEFAULT_PARAMETERS: Parameters = {
  spatial: {
    attachRadiusM: 3000, // planning model "Inputs": 3 km
    roadSnapLimitM: 1000, // ours: a trench rarely leaves a road for more than 1 km
    maxFibreDropM: 20000, // planning model: 20 km
  },
  villageRadiusM: 2000, // ours: a Kazakh village spans ~1–3 km; the model leaves it to us
  routeFactor: 1.2, // Giga open cost model (ITU CPP uses 1.1)
  finance: {
    discountRate: 0.05, // Oughton, pytal
    years: 5, // Giga
    kztPerUsd: 470, // National Bank of Kazakhstan, 2024 average ≈ 469 KZT/USD, rounded
  },
  demandMbps: { school: 20, health: 10, library: 10, community: 10, other: 10 }, // school: Giga; rest ours
  fibre: {
    siteUsd: 500, // Giga conf brazil/rwanda
    perKmUsd: 8000, // ITU CPT; range 5,000–20,000
    spliceUsd: 400, // mid-span splice on a route without PoP; ITU CPP docs/models.md
    opexShareOfCapex: 0.05, // ITU CPP
    opexUsdPerMbps: 3, // range 1.6–5.5 (Giga conf); ours: a round value inside it
  },
  radio: {
    maxDistanceM: 30000, // Giga conf; no terrain data: line of sight assumed
    siteUsd: 2000, // Giga conf
    towerUsd: 2500, // Giga conf
    opexShareOfCapex: 0.1, // ITU CPP
    opexUsdPerMbps: 200, // ITU CPP
  },
  lte: {
    cpeUsd: 200, // range 120–300 (ITU CPP; Giga conf)
    opexShareOfCapex: 0.12, // ITU CPP
    opexUsdPerMbps: 120, // Giga conf
    max3gMbps: 5, // planning model: 3G only if demand ≤ 5 Mbps
  },
  satellite: {
    terminalUsd: 800, // ITU CPP
    opexShareOfCapex: 0.1, // ITU CPP
    opexUsdPerMbps: 6.4, // ITU CPP
    monthlyFeeUsd: 0, // planning model default
  },
  regionCostMultiplier: {}, // planning model: default 1.0 everywhere
  score: {
    connection: { none: 1, satellite: 0.6, mobile: 0.5, dsl: 0.4, unknown: 1 }, // model; unknown: ours, as none
    hubSchool: 1.3,
    litVillage: 1.2,
    // ours: the model says only "flag unreliable"; 1.0 keeps the rank as the network predicts.
    // Above 1 moves repairs up (the link exists but fails), below 1 moves them down.
    unreliable: 1,
  },
  beneficiaries: {
    libraryPopulationShare: 0.3, // planning model
    communityPopulationShare: 0.3, // ours: as a library
  },
  ranges: {
    'fibre.perKmUsd': [5000, 20000],
    'fibre.opexUsdPerMbps': [1.6, 5.5],
    'lte.cpeUsd': [120, 300],
  },
};

export class ParameterError extends Error {
  constructor(readonly problems: Array<{ field: string; message: string }>) {
    super(`invalid planning parameters: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
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

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** Stable hash of a whole parameter set. */
export function parameterHash(p: Parameters): string {
  return sha(canonicalJson(p));
}

/** Hash of the parameters the spatial measures depend on: other changes keep the measures. */
export function spatialHash(p: Parameters): string {
  return sha(canonicalJson({ spatial: p.spatial }));
}
