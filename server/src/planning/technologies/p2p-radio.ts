// Point-to-point radio from a fibre PoP (no tower layer yet; no terrain data: line of sight assumed).
import { z } from 'zod';
import { equipmentStream, sharedStream, type CostStream } from '../cost-stream.ts';
import { capacityCheck, capacityReason, infeasible, km, kmValue, reason, say, type Technology } from './types.ts';

const schema = z.strictObject({
  siteUsd: z.number().finite().min(0).max(100_000),
  towerUsd: z.number().finite().min(0).max(500_000),
  maxDistanceM: z.number().finite().positive().max(100_000),
  opexShareOfCapex: z.number().finite().min(0).max(1),
  usdPerMbpsYear: z.number().finite().min(0).max(1_000),
  lifetimeYears: z.number().int().min(1).max(50),
  capacityMbps: z.number().finite().positive().max(100_000),
});
export type P2pRadioParameters = z.infer<typeof schema>;

const p2pRadioStreamOf = (p: P2pRadioParameters, _: 0, k: number): CostStream =>
  equipmentStream(
    [
      { item: 'radio at the site', usd: p.siteUsd, lifetimeYears: p.lifetimeYears },
      { item: 'radio at the PoP or tower', usd: p.towerUsd, lifetimeYears: p.lifetimeYears },
    ],
    k,
    { shareOfCapex: p.opexShareOfCapex, usdPerMbps: p.usdPerMbpsYear },
  );

/** Shared (sharedStream): the same for every facility of a region. */
export const p2pRadioStream = (p: P2pRadioParameters, k: number): CostStream => sharedStream(p, 0, k, p2pRadioStreamOf);

export const p2pRadio: Technology<P2pRadioParameters, 'p2pRadio'> = {
  id: 'p2p_radio',
  parameterKey: 'p2pRadio',
  words: 'a radio link',
  shared: null,
  schema,
  defaults: { siteUsd: 2000, towerUsd: 2500, maxDistanceM: 30000, opexShareOfCapex: 0.1, usdPerMbpsYear: 10, lifetimeYears: 7, capacityMbps: 400 },
  sources: {
    siteUsd: 'Giga open cost model conf',
    towerUsd: 'Giga open cost model conf',
    maxDistanceM: 'Giga open cost model conf: 30 km (no terrain data: line of sight assumed)',
    opexShareOfCapex: 'ITU CPP (microwave opex 10 % of capex)',
    usdPerMbpsYear: 'Giga open cost model (transit per Mbps)',
    lifetimeYears: 'ITU CPP: microwave 7 years',
    capacityMbps: 'planning model: 400 Mbps',
  },
  ranges: {},
  option(site, p) {
    const stream = p2pRadioStream(p, site.regionMultiplier);
    if (site.popDistanceM === null) return infeasible('p2p_radio', stream, p.capacityMbps, 'no_pop', 'no fibre PoP to link to');
    const popM = site.popDistanceM;
    const values = { km: kmValue(popM), maxKm: kmValue(p.maxDistanceM) };
    if (popM > p.maxDistanceM) return infeasible('p2p_radio', stream, p.capacityMbps, 'beyond_radio_range', say(site, () => `PoP ${km(popM)} km away, beyond the ${km(p.maxDistanceM)} km radio range`), values);
    const slow = capacityReason(site, p.capacityMbps);
    if (slow) return infeasible('p2p_radio', stream, p.capacityMbps, slow.code, slow.text, slow.values);
    return {
      technology: 'p2p_radio', feasible: true, stream, capacityMbps: p.capacityMbps, outgrowsInYear: capacityCheck(site, p.capacityMbps).outgrowsInYear,
      reason: reason('p2p_radio', say(site, () => `link of ${km(popM)} km to the PoP; line of sight assumed (no terrain data)`), values),
    };
  },
};
