// Keep the current link: a facility on satellite, mobile or DSL can stay on it. Priced at its
// running cost (no new capex; the existing equipment is replaced at the end of its lifetime);
// feasible only where it carries the demand at the end of the horizon. Never counted as new work.
import { z } from 'zod';
import { equipmentStream, sharedStream, type CostStream } from '../cost-stream.ts';
import { capacityCheck, capacityReason, infeasible, reason, say, type Technology } from './types.ts';
import { lteStream, type LteParameters } from './lte.ts';
import { satelliteStream, type SatelliteParameters } from './satellite.ts';

const schema = z.strictObject({
  /** Capacity assumed when the link's speed was never measured. */
  satelliteCapacityMbps: z.number().finite().positive().max(10_000),
  dslCapacityMbps: z.number().finite().positive().max(10_000),
  dslUsdPerMbpsYear: z.number().finite().min(0).max(1_000),
  dslModemUsd: z.number().finite().min(0).max(10_000),
});
export type KeepParameters = z.infer<typeof schema>;

const LINKS = new Set(['satellite', 'mobile', 'dsl']);

/** A DSL modem already on site, replaced at 4G's CPE lifetime (no lifetime of its own in the parameters). */
const dslStreamOf = (p: KeepParameters, lifetimeYears: number, k: number): CostStream =>
  equipmentStream([{ item: 'DSL modem (existing)', usd: p.dslModemUsd, lifetimeYears, existing: true }], k, { usdPerMbps: p.dslUsdPerMbpsYear });

export const keep: Technology<KeepParameters, 'keep'> = {
  id: 'keep',
  parameterKey: 'keep',
  words: 'keeping the current link',
  shared: null,
  schema,
  defaults: { satelliteCapacityMbps: 150, dslCapacityMbps: 8, dslUsdPerMbpsYear: 10, dslModemUsd: 100 },
  sources: {
    satelliteCapacityMbps: "ours: an unmeasured satellite link is taken as the Starlink programme's LEO service (Giga: 150 Mbps)",
    dslCapacityMbps: 'ours: ADSL2+ over a long rural copper loop, an estimate',
    dslUsdPerMbpsYear: 'ours: as fibre transit (Giga, per Mbps)',
    dslModemUsd: 'ours, an estimate',
  },
  ranges: {},
  option(site, p, all) {
    const sat = all.satellite as SatelliteParameters;
    const lte = all.lte as LteParameters;
    const k = site.regionMultiplier;
    let stream: CostStream | null = null;
    let nominal = 0;
    if (site.connection === 'satellite') {
      stream = satelliteStream(sat, k, true);
      nominal = p.satelliteCapacityMbps;
    } else if (site.connection === 'mobile') {
      stream = lteStream(lte, k, true);
      const t = site.mobileTechnology;
      nominal = t === '4G' || t === '5G' ? lte.capacityMbps : t === '3G' ? lte.max3gMbps : 0.1;
    } else if (site.connection === 'dsl') {
      stream = sharedStream(p, lte.lifetimeYears, k, dslStreamOf); // it reads 4G's lifetime: that is its variant
      nominal = p.dslCapacityMbps;
    }
    const capacity = site.measuredMbps ?? nominal;
    if (!LINKS.has(site.connection) || !stream) {
      return infeasible('keep', stream, capacity, 'no_current_link', site.connection === 'none' ? 'no current link to keep' : 'current link unknown');
    }
    const slow = capacityReason(site, capacity);
    const measured = site.measuredMbps !== null ? 'measured' : 'assumed';
    if (slow) return infeasible('keep', stream, capacity, 'keep_too_slow', say(site, () => `current ${site.connection} link (${measured} ${capacity} Mbps) is below the demand at the end of the horizon`), { link: site.connection, mbps: capacity, demandMbps: Math.round(site.demandAtHorizonMbps * 10) / 10 });
    // Written out, not `{ ...base, more }`: V8's slow path, microseconds a call, once per facility.
    return {
      technology: 'keep', stream, capacityMbps: capacity, outgrowsInYear: capacityCheck(site, capacity).outgrowsInYear, feasible: true,
      reason: reason('keep', say(site, () => `current ${site.connection} link (${measured} ${capacity} Mbps) carries the demand; running cost only`), { link: site.connection, mbps: capacity }),
    };
  },
};
