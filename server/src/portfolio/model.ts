// A scenario's parameters: the planning engine's parameter set (overridden) plus the Monte Carlo
// settings, the portfolio's view of them, and the hash that identifies the effective set.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson, parseParameters, valueAt, type Parameters } from '../planning/parameters.ts';
import { uncertainUnitCosts } from '../planning/technologies/index.ts';

export { canonicalJson };

/** What a scenario stores; unknown keys are refused so a typo cannot pass silently. */
export const scenarioParamsSchema = z.strictObject({
  /** Overrides of the planning engine's parameters (deep), e.g. { fibre: { perKmUsd: 12000 } }. */
  planning: z.record(z.string(), z.unknown()).default({}),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  draws: z.number().int().min(1).max(100_000).default(1000),
  /** Shape of every unit-cost range; the mode of a triangular range is the parameter's value. */
  distribution: z.enum(['triangular', 'uniform']).default('triangular'),
});
export type ScenarioParams = z.infer<typeof scenarioParamsSchema>;

export type PortfolioModel = {
  usdToKzt: number;
  routeFactor: number;
  years: number;
  rate: number;
  /** Each uncertain unit cost's value in the scenario: the mode of its distribution. */
  modes: Record<string, number>;
  ranges: { name: string; min: number; max: number; distribution: 'triangular' | 'uniform' }[];
  seed: number;
  draws: number;
};

/**
 * The unit costs Monte Carlo varies: every technology's ranged unit cost (the registry's list).
 * Demand growth has a range too but is not a unit cost (costs are not linear in it): the
 * sensitivity report covers it.
 */
export const UNCERTAIN: readonly string[] = uncertainUnitCosts().map((u) => u.name);

export function portfolioModel(p: Parameters, s: Pick<ScenarioParams, 'seed' | 'draws' | 'distribution'>): PortfolioModel {
  const names = UNCERTAIN.filter((n) => p.ranges[n]);
  return {
    usdToKzt: p.finance.kztPerUsd,
    routeFactor: p.routeFactor,
    years: p.finance.years,
    rate: p.finance.discountRate,
    modes: Object.fromEntries(names.map((n) => [n, valueAt(p, n)])),
    ranges: names.map((name) => {
      const [min, max] = p.ranges[name]!;
      return { name, min, max, distribution: s.distribution };
    }),
    seed: s.seed,
    draws: s.draws,
  };
}

export type Effective = { params: ScenarioParams; planning: Parameters; model: PortfolioModel; hash: string };

/** Validates a scenario's parameters (throws the planning engine's ParameterError or a ZodError). */
export function effective(input: unknown): Effective {
  const params = scenarioParamsSchema.parse(input ?? {});
  const planning = parseParameters(params.planning);
  const model = portfolioModel(planning, params);
  return { params, planning, model, hash: paramsHash(planning, params) };
}

/** sha256 of the effective planning parameters and the Monte Carlo settings. */
export function paramsHash(planning: Parameters, s: Pick<ScenarioParams, 'seed' | 'draws' | 'distribution'>): string {
  const text = canonicalJson({ planning, seed: s.seed, draws: s.draws, distribution: s.distribution });
  return createHash('sha256').update(text).digest('hex');
}
