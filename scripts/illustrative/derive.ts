// The whole illustrative derivation as one pure function: real inputs in, every derived layer out.
import { coveredSettlements, deriveCoverage, siteFor, type CoverageArea, type Site } from './coverage.ts';
import { deriveFacilities } from './facilities.ts';
import { deriveFibre, type FibreResult, type RailwayLine } from './fibre.ts';
import { chooseHubs, type HubChoice } from './hubs.ts';
import { estimatePopulations, type PopulationEstimate } from './population.ts';
import type { Facility, OblastCounts, Settlement, SettlementInput } from './types.ts';

export const DEFAULT_SEED = 20240101;

export interface DeriveInput {
  settlements: readonly SettlementInput[];
  railways: readonly RailwayLine[];
  counts: OblastCounts;
  seed: number;
  /** false skips dissolving the coverage discs (the slow part, ~20 s), e.g. in tests */
  withCoverage?: boolean;
}

export interface DeriveOutput {
  estimates: PopulationEstimate[];
  hubs: HubChoice[];
  settlements: Settlement[];
  facilities: Facility[];
  fibre: FibreResult;
  sites: Site[];
  coverage: CoverageArea[];
  /** settlements (villages and hamlets) inside 3G or 4G, for the summary */
  ruralWithMobileBroadband: number;
  ruralTotal: number;
}

export function deriveAll(input: DeriveInput): DeriveOutput {
  const sorted = [...input.settlements].sort((a, b) => a.osmId - b.osmId);
  const seen = new Set<number>();
  for (const s of sorted) {
    if (seen.has(s.osmId)) throw new Error(`while deriving: settlement osm:${s.osmId} appears twice`);
    seen.add(s.osmId);
  }

  const estimates = estimatePopulations(sorted);
  const estimated = new Map(estimates.map((e) => [e.settlementId, e.population]));
  const populationOf = (s: SettlementInput) =>
    s.population !== null ? { pop: s.population, estimated: false } : { pop: estimated.get(s.id)!, estimated: true };
  const hubs = chooseHubs(sorted, populationOf);
  const hubIds = new Set(hubs.map((h) => h.settlementId));
  const settlements: Settlement[] = sorted.map((s) => {
    const { pop, estimated: popEstimated } = populationOf(s);
    return { ...s, pop, popEstimated, isHub: hubIds.has(s.id) };
  });

  const fibre = deriveFibre(settlements, input.railways, input.seed);
  const lit = new Set(fibre.pops.map((p) => p.settlement_id));
  const facilities = deriveFacilities(settlements, input.counts, lit, input.seed);

  const sites = settlements.map((s) => siteFor(s, input.seed)).filter((s): s is Site => s !== null);
  const coverage = input.withCoverage === false ? [] : deriveCoverage(sites);
  const rural = settlements.filter((s) => s.place === 'village' || s.place === 'hamlet');
  const broadband = coveredSettlements(rural, sites, '3G');

  return {
    estimates, hubs, settlements, facilities, fibre, sites, coverage,
    ruralWithMobileBroadband: broadband.size, ruralTotal: rural.length,
  };
}
