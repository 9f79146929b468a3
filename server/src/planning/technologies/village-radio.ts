// Village radio: one point-to-multipoint base at the village PoP serves every facility of the
// settlement that takes it; the base is shared like a trench (settlement-choice.ts).
import { z } from 'zod';
import { equipmentStream, sharedStream, type CostStream } from '../cost-stream.ts';
import { capacityCheck, capacityReason, infeasible, km, kmValue, reason, say, type Technology } from './types.ts';

const schema = z.strictObject({
  baseUsd: z.number().finite().min(0).max(500_000),
  cpeUsd: z.number().finite().min(0).max(50_000),
  maxDistanceM: z.number().finite().positive().max(50_000),
  opexShareOfCapex: z.number().finite().min(0).max(1),
  usdPerMbpsYear: z.number().finite().min(0).max(1_000),
  lifetimeYears: z.number().int().min(1).max(50),
  capacityMbps: z.number().finite().positive().max(100_000),
});
export type VillageRadioParameters = z.infer<typeof schema>;

const villageRadioStreamOf = (p: VillageRadioParameters, cpes: number, k: number): CostStream =>
  equipmentStream(
    [
      { item: 'village radio base', usd: p.baseUsd, lifetimeYears: p.lifetimeYears },
      { item: 'radio CPE', usd: p.cpeUsd * cpes, lifetimeYears: p.lifetimeYears },
    ],
    k,
    { shareOfCapex: p.opexShareOfCapex, usdPerMbps: p.usdPerMbpsYear },
  );

/** One base and `cpes` facility terminals; opex is a share of that capex plus transit per Mbps. Shared (sharedStream). */
export const villageRadioStream = (p: VillageRadioParameters, cpes: number, k: number): CostStream =>
  sharedStream(p, cpes, k, villageRadioStreamOf);

export const villageRadio: Technology<VillageRadioParameters, 'villageRadio'> = {
  id: 'village_radio',
  parameterKey: 'villageRadio',
  words: 'village radio',
  shared: 'village_radio',
  schema,
  defaults: { baseUsd: 6000, cpeUsd: 300, maxDistanceM: 5000, opexShareOfCapex: 0.1, usdPerMbpsYear: 10, lifetimeYears: 7, capacityMbps: 300 },
  sources: {
    baseUsd: 'ours, an estimate (point-to-multipoint base at the PoP); range 3,000–15,000',
    cpeUsd: 'ours, an estimate',
    maxDistanceM: 'planning model: facility within 5 km of the village PoP',
    opexShareOfCapex: 'ITU CPP (microwave opex 10 % of capex)',
    usdPerMbpsYear: 'Giga open cost model (fibre transit at the PoP, per Mbps)',
    lifetimeYears: 'ITU CPP: microwave 7 years',
    capacityMbps: 'planning model: 300 Mbps per base, shared',
  },
  ranges: { baseUsd: [3000, 15000] },
  option(site, p) {
    const stream = villageRadioStream(p, 1, site.regionMultiplier);
    if (!site.settlementLit) return infeasible('village_radio', stream, p.capacityMbps, 'village_not_lit', 'fibre does not reach the village');
    if (site.popDistanceM === null) return infeasible('village_radio', stream, p.capacityMbps, 'no_pop', 'no fibre PoP to put the base at');
    const popM = site.popDistanceM;
    const values = { km: kmValue(popM), maxKm: kmValue(p.maxDistanceM) };
    if (popM > p.maxDistanceM) return infeasible('village_radio', stream, p.capacityMbps, 'too_far_from_pop', say(site, () => `${km(popM)} km from the PoP, beyond the ${km(p.maxDistanceM)} km reach of a village base`), values);
    const slow = capacityReason(site, p.capacityMbps);
    if (slow) return infeasible('village_radio', stream, p.capacityMbps, slow.code, slow.text, slow.values);
    return {
      technology: 'village_radio', feasible: true, stream, capacityMbps: p.capacityMbps, outgrowsInYear: capacityCheck(site, p.capacityMbps).outgrowsInYear,
      reason: reason('village_radio', say(site, () => `${km(popM)} km from the village PoP; line of sight assumed (no terrain data)`), values),
    };
  },
};
