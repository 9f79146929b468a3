// Estimated populations for settlements without an OSM `population` tag: the median of tagged
// settlements of the same `place` type, from the narrowest area that has enough of them.
import type { Place, SettlementInput } from './types.ts';

export interface PopulationRule {
  /** fewest tagged settlements a median may be taken over */
  minSample: number;
  /** last resort per place type when no area has enough tagged settlements */
  defaults: Readonly<Record<Place, number>>;
}

export const POPULATION_RULE: PopulationRule = {
  minSample: 5,
  // Only the isolated-dwelling default is ever reached on the bundled data (7 tagged nationally
  // → the national median applies); the others guard tiny test fixtures.
  defaults: { city: 50_000, town: 5_000, village: 500, hamlet: 100, isolated_dwelling: 10 },
};

export type EstimateMethod =
  | 'median_same_place_same_district'
  | 'median_same_place_same_oblast'
  | 'median_same_place_national'
  | 'default_for_place';

export interface PopulationEstimate {
  settlementId: string;
  population: number;
  method: EstimateMethod;
}

/** Median rounded to a whole person (mean of the two middle values for an even count, half up). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) throw new Error('while taking a median: no values');
  const m = n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  return Math.round(m);
}

export function estimatePopulations(
  settlements: readonly SettlementInput[],
  rule: PopulationRule = POPULATION_RULE,
): PopulationEstimate[] {
  const tagged = new Map<string, number[]>();
  const push = (key: string, v: number) => {
    let list = tagged.get(key);
    if (!list) tagged.set(key, (list = []));
    list.push(v);
  };
  for (const s of settlements) {
    if (s.population === null) continue;
    push(`d|${s.adm2}|${s.place}`, s.population);
    push(`o|${s.adm1}|${s.place}`, s.population);
    push(`n|${s.place}`, s.population);
  }
  const medians = new Map<string, number>();
  const medianOf = (key: string): number | null => {
    const list = tagged.get(key);
    if (!list || list.length < rule.minSample) return null;
    let m = medians.get(key);
    if (m === undefined) medians.set(key, (m = median(list)));
    return m;
  };

  const out: PopulationEstimate[] = [];
  for (const s of [...settlements].sort((a, b) => a.osmId - b.osmId)) {
    if (s.population !== null) continue;
    const steps: [string, EstimateMethod][] = [
      [`d|${s.adm2}|${s.place}`, 'median_same_place_same_district'],
      [`o|${s.adm1}|${s.place}`, 'median_same_place_same_oblast'],
      [`n|${s.place}`, 'median_same_place_national'],
    ];
    let estimate: PopulationEstimate | null = null;
    for (const [key, method] of steps) {
      const m = medianOf(key);
      if (m !== null) {
        estimate = { settlementId: s.id, population: m, method };
        break;
      }
    }
    out.push(estimate ?? { settlementId: s.id, population: rule.defaults[s.place], method: 'default_for_place' });
  }
  return out;
}
