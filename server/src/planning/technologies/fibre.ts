// Fibre drop from the village PoP or a mid-span splice on a passing built route; a settlement's
// fibre facilities share one trench (settlement-choice.ts lays it as a minimum spanning tree).
import { z } from 'zod';
import type { CapexItem, CostStream } from '../cost-stream.ts';
import { capacityCheck, capacityReason, km, kmValue, reason, say, type FibreAccess, type SiteContext, type Technology } from './types.ts';

const schema = z.strictObject({
  siteUsd: z.number().finite().min(0).max(100_000),
  perKmUsd: z.number().finite().min(0).max(200_000),
  spliceUsd: z.number().finite().min(0).max(50_000),
  maintenanceUsdPerKmYear: z.number().finite().min(0).max(10_000),
  usdPerMbpsYear: z.number().finite().min(0).max(1_000),
  equipmentLifetimeYears: z.number().int().min(1).max(50),
  capacityMbps: z.number().finite().positive().max(1_000_000),
});
export type FibreParameters = z.infer<typeof schema>;

/** Capex of a drop or a trench: site equipment per facility (replaced), cable per km and splices (never); × k by region. */
function fibreCapex(p: FibreParameters, pathM: number, sites: number, splices: number, k: number): CapexItem[] {
  const items: CapexItem[] = [{ item: 'fibre site equipment', usd: p.siteUsd * sites * k, lifetimeYears: p.equipmentLifetimeYears }];
  items.push({ item: 'fibre cable and trench', usd: ((p.perKmUsd * pathM) / 1000) * k, lifetimeYears: null });
  if (splices > 0) items.push({ item: 'mid-span splice', usd: p.spliceUsd * splices * k, lifetimeYears: null });
  return items;
}

/** A trench of `pathM` serving `sites` facilities; the per-Mbps part is added by the caller's demand. */
export function trenchStream(p: FibreParameters, pathM: number, sites: number, splices: number, k: number): CostStream {
  return {
    capex: fibreCapex(p, pathM, sites, splices, k),
    fixedUsdPerYear: (p.maintenanceUsdPerKmYear * pathM) / 1000,
    usdPerMbpsYear: p.usdPerMbpsYear,
  };
}

function dropPath(geodesicM: number | null, roadM: number | null, factor: number): Omit<FibreAccess, 'accessPoint'> | null {
  if (roadM !== null) return { pathM: roadM, pathMethod: 'roads' };
  if (geodesicM === null) return null;
  return { pathM: Math.round(geodesicM * factor * 100) / 100, pathMethod: 'route_factor' };
}

/** Cheapest access: the PoP, or a splice on a built route (one splice more); a feasible one first, the PoP on a tie. */
export function fibreAccess(site: SiteContext, p: FibreParameters): (FibreAccess & { capexUsd: number }) | null {
  const viaPop = dropPath(site.popDistanceM, site.roadPathPopM, site.routeFactor);
  // Written out, not `{ ...via, more }`: V8's slow path, microseconds a call, once per facility.
  const pop = viaPop && { accessPoint: 'pop' as const, pathM: viaPop.pathM, pathMethod: viaPop.pathMethod, capexUsd: p.siteUsd + (p.perKmUsd * viaPop.pathM) / 1000 };
  const viaSplice = dropPath(site.routeDistanceM, site.roadPathSpliceM, site.routeFactor);
  const splice = viaSplice && { accessPoint: 'splice' as const, pathM: viaSplice.pathM, pathMethod: viaSplice.pathMethod, capexUsd: p.siteUsd + (p.perKmUsd * viaSplice.pathM) / 1000 + p.spliceUsd };
  if (!pop || !splice) return pop ?? splice;
  const max = site.maxFibreDropM;
  return (Number(pop.pathM > max) - Number(splice.pathM > max) || pop.capexUsd - splice.capexUsd) > 0 ? splice : pop;
}

export const fibre: Technology<FibreParameters, 'fibre'> = {
  id: 'fibre',
  parameterKey: 'fibre',
  words: 'a fibre drop',
  shared: 'trench',
  schema,
  defaults: {
    siteUsd: 500,
    perKmUsd: 8000,
    spliceUsd: 400,
    maintenanceUsdPerKmYear: 100,
    usdPerMbpsYear: 10,
    equipmentLifetimeYears: 10,
    capacityMbps: 2000,
  },
  sources: {
    siteUsd: 'Giga open cost model conf (fibre site equipment)',
    perKmUsd: "Giga 8,900; Kazakhstan's PPP programme ≈ 7,000 derived (68,000 km for 3,000 villages); range 5,000–20,000",
    spliceUsd: 'ITU CPP docs/models.md (mid-span splice)',
    maintenanceUsdPerKmYear: 'Giga open cost model (fibre maintenance per km)',
    usdPerMbpsYear: 'Giga open cost model (fibre opex per Mbps)',
    equipmentLifetimeYears: 'ITU CPP: fibre equipment 10 years, the cable never',
    capacityMbps: 'planning model: 2,000+ Mbps',
  },
  ranges: { perKmUsd: [5000, 20000] },
  option(site, p) {
    const access = fibreAccess(site, p);
    if (!access) return { technology: 'fibre', feasible: false, reason: reason('no_fibre', 'no fibre PoP or built route in the data'), stream: null, capacityMbps: p.capacityMbps, outgrowsInYear: null };
    const fibreOut: FibreAccess = { accessPoint: access.accessPoint, pathM: access.pathM, pathMethod: access.pathMethod };
    const stream = trenchStream(p, access.pathM, 1, access.accessPoint === 'splice' ? 1 : 0, site.regionMultiplier);
    const via = access.accessPoint === 'pop' ? 'from the PoP' : 'from a mid-span splice on a built route';
    const values = { km: kmValue(access.pathM), maxKm: kmValue(site.maxFibreDropM), access: access.accessPoint, method: access.pathMethod };
    const cap = capacityCheck(site, p.capacityMbps);
    if (access.pathM > site.maxFibreDropM) {
      return { technology: 'fibre', feasible: false, reason: reason('drop_too_long', say(site, () => `drop of ${km(access.pathM)} km ${via} exceeds the ${km(site.maxFibreDropM)} km limit`), values), stream, capacityMbps: p.capacityMbps, outgrowsInYear: null, fibre: fibreOut };
    }
    const slow = capacityReason(site, p.capacityMbps);
    if (slow) return { technology: 'fibre', feasible: false, reason: slow, stream, capacityMbps: p.capacityMbps, outgrowsInYear: null, fibre: fibreOut };
    return { technology: 'fibre', feasible: true, reason: reason('fibre_drop', say(site, () => `drop of ${km(access.pathM)} km ${via} (${access.pathMethod === 'roads' ? 'along roads' : `geodesic × ${site.routeFactor}`})`), values), stream, capacityMbps: p.capacityMbps, outgrowsInYear: cap.outgrowsInYear, fibre: fibreOut };
  },
};
