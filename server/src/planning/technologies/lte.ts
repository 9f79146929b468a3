// 4G/LTE: a CPE inside 4G coverage (3G only for small demand). A facility already on mobile keeps
// its link ("keep") unless it measures below today's demand (then a new outdoor CPE is new work).
import { z } from 'zod';
import { equipmentStream, sharedStream, type CostStream } from '../cost-stream.ts';
import { capacityCheck, capacityReason, infeasible, reason, say, type Technology } from './types.ts';

const schema = z.strictObject({
  cpeUsd: z.number().finite().min(0).max(50_000),
  usdPerMbpsYear: z.number().finite().min(0).max(1_000),
  lifetimeYears: z.number().int().min(1).max(50),
  capacityMbps: z.number().finite().positive().max(10_000),
  max3gMbps: z.number().finite().min(0).max(1_000),
});
export type LteParameters = z.infer<typeof schema>;

const lteStreamOf = (p: LteParameters, on: 'new' | 'existing', k: number): CostStream =>
  equipmentStream([on === 'existing'
    ? { item: '4G CPE (existing)', usd: p.cpeUsd, lifetimeYears: p.lifetimeYears, existing: true }
    : { item: '4G CPE', usd: p.cpeUsd, lifetimeYears: p.lifetimeYears }], k, { usdPerMbps: p.usdPerMbpsYear });

/** `existing`: the CPE already on site (keeping a current mobile link), replaced at its lifetime. Shared (sharedStream). */
export const lteStream = (p: LteParameters, k: number, existing = false): CostStream =>
  sharedStream(p, existing ? 'existing' : 'new', k, lteStreamOf);

export const lte: Technology<LteParameters, 'lte'> = {
  id: 'lte',
  parameterKey: 'lte',
  words: '4G',
  shared: null,
  schema,
  defaults: { cpeUsd: 200, usdPerMbpsYear: 10, lifetimeYears: 5, capacityMbps: 100, max3gMbps: 5 },
  sources: {
    cpeUsd: 'Giga; ITU CPP; range 120–500',
    usdPerMbpsYear: 'Giga open cost model (cellular, per Mbps per year)',
    lifetimeYears: 'ITU CPP: cellular CPE 5 years',
    capacityMbps: 'Giga: 100 Mbps',
    max3gMbps: 'planning model: 3G only if the year-T demand is at most 5 Mbps',
  },
  ranges: { cpeUsd: [120, 500] },
  option(site, p) {
    const stream = lteStream(p, site.regionMultiplier);
    const t = site.mobileTechnology;
    const capacity = t === '3G' ? p.max3gMbps : p.capacityMbps;
    if (site.connection === 'mobile' && !(site.measuredMbps !== null && site.measuredMbps < site.demandMbps)) {
      return infeasible('lte', stream, capacity, 'current_link', 'the facility is already on mobile: see "keep"');
    }
    if (t !== '4G' && t !== '5G' && t !== '3G') return infeasible('lte', stream, capacity, t ? 'no_mobile_broadband' : 'no_coverage', t ? say(site, () => `only ${t} coverage`) : 'outside mobile coverage', { technology: t ?? '' });
    const slow = capacityReason(site, capacity);
    if (slow) return infeasible('lte', stream, capacity, slow.code, slow.text, slow.values);
    return { technology: 'lte', feasible: true, stream, capacityMbps: capacity, outgrowsInYear: capacityCheck(site, capacity).outgrowsInYear, reason: reason('in_coverage', say(site, () => `inside ${t} coverage`), { technology: t }) };
  },
};
