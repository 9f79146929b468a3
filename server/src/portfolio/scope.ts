// A scenario run narrowed to a partner's regions (access policy: partners see their regions).
// Sites, trenches and the per-region tables are filtered; totals are re-summed from the kept
// sites. The curve and connect-all stay national: they name no site.
import type { Breakdown } from './portfolio.ts';
import type { ScenarioRun } from './result.ts';

export const SCOPE_NOTE =
  'narrowed to the caller\'s regions: totals sum the kept sites, P10/P50/P90 sum their per-site percentiles; the curve is national';

export function scopeRun(run: ScenarioRun, regions: readonly string[] | undefined): ScenarioRun {
  if (!regions) return run;
  const keep = new Set(regions);
  const r = run.result;
  const sites = r.sites.filter((s) => s.admin1Id !== null && keep.has(s.admin1Id));
  const ids = new Set(sites.map((s) => s.facilityId));
  const byKind: Record<string, Breakdown> = {};
  const byDistrict: Record<string, Breakdown> = {};
  let totalCostKzt = 0, beneficiaries = 0, p10 = 0, p50 = 0, p90 = 0;
  for (const s of sites) {
    for (const [into, key] of [[byKind, s.kind], [byDistrict, s.admin2Id ?? 'unknown']] as const) {
      const b = (into[key] ??= { facilities: 0, beneficiaries: 0, costKzt: 0 });
      b.facilities += 1;
      b.beneficiaries += s.beneficiaries;
      b.costKzt += s.costKzt;
    }
    totalCostKzt += s.costKzt;
    beneficiaries += s.beneficiaries;
    p10 += s.p10;
    p50 += s.p50;
    p90 += s.p90;
  }
  return {
    ...run,
    result: {
      ...r,
      chosen: r.chosen.filter((id) => ids.has(id)),
      totalCostKzt, beneficiaries, p10, p50, p90,
      weightedBeneficiaries: null,
      byKind,
      byRegion: Object.fromEntries(Object.entries(r.byRegion).filter(([k]) => keep.has(k))),
      byDistrict,
      sites,
      trenches: r.trenches.filter((t) => t.facilityIds.every((id) => ids.has(id))),
      scope: { regions: [...regions], note: SCOPE_NOTE },
    },
  };
}
