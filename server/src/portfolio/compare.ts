// Side-by-side comparison of scenario runs: per-region and per-kind differences against the first
// (the baseline), and the sites that enter or leave. Pure.
import type { Breakdown } from './portfolio.ts';
import type { ScenarioRun } from './result.ts';

export type CompareRow = {
  key: string;
  /** One entry per scenario, in the order asked; zeros where a scenario has none. */
  values: Breakdown[];
  /** values[i] − values[0] for i ≥ 1 (the baseline's own difference is omitted). */
  diff: Breakdown[];
};

export type Comparison = {
  scenarios: { name: string; budgetKzt: number; totalCostKzt: number; beneficiaries: number; p10: number; p50: number; p90: number; paramsHash: string; dataVersion: Record<string, number>; ranAt: string }[];
  byRegion: CompareRow[];
  byKind: CompareRow[];
  /** For each scenario after the first: sites it has that the baseline has not, and the reverse. */
  sites: { name: string; entered: string[]; left: string[] }[];
};

const ZERO: Breakdown = { facilities: 0, beneficiaries: 0, costKzt: 0 };

function rows(runs: readonly ScenarioRun[], pick: (r: ScenarioRun) => Record<string, Breakdown>): CompareRow[] {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(pick(r))))].sort();
  return keys.map((key) => {
    const values = runs.map((r) => pick(r)[key] ?? ZERO);
    const base = values[0]!;
    const diff = values.slice(1).map((v) => ({
      facilities: v.facilities - base.facilities,
      beneficiaries: v.beneficiaries - base.beneficiaries,
      costKzt: v.costKzt - base.costKzt,
    }));
    return { key, values, diff };
  });
}

export function compareRuns(runs: readonly ScenarioRun[]): Comparison {
  if (runs.length < 2) throw new Error(`a comparison needs two or more scenarios, got ${runs.length}`);
  const base = new Set(runs[0]!.result.chosen);
  return {
    scenarios: runs.map((r) => ({
      name: r.scenario,
      budgetKzt: r.result.budgetKzt,
      totalCostKzt: r.result.totalCostKzt,
      beneficiaries: r.result.beneficiaries,
      p10: r.result.p10,
      p50: r.result.p50,
      p90: r.result.p90,
      paramsHash: r.paramsHash,
      dataVersion: r.dataVersion,
      ranAt: r.ranAt,
    })),
    byRegion: rows(runs, (r) => r.result.byRegion),
    byKind: rows(runs, (r) => r.result.byKind),
    sites: runs.slice(1).map((r) => {
      const mine = new Set(r.result.chosen);
      return {
        name: r.scenario,
        entered: [...mine].filter((id) => !base.has(id)).sort(),
        left: [...base].filter((id) => !mine.has(id)).sort(),
      };
    }),
  };
}
