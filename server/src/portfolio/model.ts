// The portfolio's parameter set: defaults from docs/planning-model.md, a scenario's overrides on
// top, and the hash that identifies the effective set (stored with every run).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_RANGES } from './monte-carlo.ts';

const rangeSchema = z.object({
  name: z.enum(['fibre.perKmUsd', 'fibre.opexUsdPerMbps', 'lte.cpeUsd']),
  min: z.number().nonnegative(),
  max: z.number().nonnegative(),
  distribution: z.enum(['triangular', 'uniform']).default('triangular'),
}).refine((r) => r.min <= r.max, { message: 'min must not exceed max' });

/** What a scenario may override; unknown keys are refused so a typo cannot pass silently. */
export const overridesSchema = z.strictObject({
  usdToKzt: z.number().positive().optional(),
  routeFactor: z.number().min(1).max(3).optional(),
  years: z.number().int().min(1).max(50).optional(),
  rate: z.number().min(0).max(1).optional(),
  fibre: z.strictObject({
    siteUsd: z.number().nonnegative().optional(),
    perKmUsd: z.number().nonnegative().optional(),
    spliceUsd: z.number().nonnegative().optional(),
    opexShare: z.number().min(0).max(1).optional(),
    opexUsdPerMbps: z.number().nonnegative().optional(),
  }).optional(),
  lte: z.strictObject({
    cpeUsd: z.number().nonnegative().optional(),
    opexShare: z.number().min(0).max(1).optional(),
    opexUsdPerMbps: z.number().nonnegative().optional(),
  }).optional(),
  /** admin1 or admin2 id → cost multiplier (frozen ground, mountains, build season). */
  regionMultipliers: z.record(z.string(), z.number().positive()).optional(),
  ranges: z.array(rangeSchema).optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  draws: z.number().int().min(1).max(100_000).optional(),
  /** Passed through to the planning engine's own parameter set. */
  planning: z.record(z.string(), z.unknown()).optional(),
});
export type Overrides = z.infer<typeof overridesSchema>;

export type PortfolioModel = {
  usdToKzt: number;
  routeFactor: number;
  years: number;
  rate: number;
  fibre: { siteUsd: number; perKmUsd: number; spliceUsd: number; opexShare: number; opexUsdPerMbps: number };
  lte: { cpeUsd: number; opexShare: number; opexUsdPerMbps: number };
  regionMultipliers: Record<string, number>;
  ranges: { name: string; min: number; max: number; distribution: 'triangular' | 'uniform' }[];
  seed: number;
  draws: number;
  planning: Record<string, unknown>;
};

export const DEFAULT_MODEL: PortfolioModel = {
  usdToKzt: 500, // a parameter, not a constant: set it to the day's rate
  routeFactor: 1.2, // Giga open cost model (ITU CPP uses 1.1)
  years: 5, // Giga
  rate: 0.05, // Oughton pytal
  fibre: { siteUsd: 500, perKmUsd: 8000, spliceUsd: 400, opexShare: 0.05, opexUsdPerMbps: 3 },
  lte: { cpeUsd: 200, opexShare: 0.12, opexUsdPerMbps: 120 },
  regionMultipliers: {},
  ranges: DEFAULT_RANGES.map(({ name, min, max, distribution }) => ({ name, min, max, distribution })),
  seed: 1,
  draws: 1000,
  planning: {},
};

export function effectiveModel(o: Overrides): PortfolioModel {
  const d = DEFAULT_MODEL;
  return {
    usdToKzt: o.usdToKzt ?? d.usdToKzt,
    routeFactor: o.routeFactor ?? d.routeFactor,
    years: o.years ?? d.years,
    rate: o.rate ?? d.rate,
    fibre: { ...d.fibre, ...stripUndefined(o.fibre) },
    lte: { ...d.lte, ...stripUndefined(o.lte) },
    regionMultipliers: { ...d.regionMultipliers, ...o.regionMultipliers },
    ranges: o.ranges ?? d.ranges,
    seed: o.seed ?? d.seed,
    draws: o.draws ?? d.draws,
    planning: { ...d.planning, ...o.planning },
  };
}

function stripUndefined<T extends object>(x: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(x ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** JSON with keys sorted at every level: the same set always serialises to the same text. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** sha256 of the effective parameter set: two runs with the same hash used the same numbers. */
export function paramsHash(model: PortfolioModel): string {
  return createHash('sha256').update(canonicalJson(model)).digest('hex');
}
