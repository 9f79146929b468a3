// LEO satellite: always feasible (border zones flagged by the operator, not here). The service is a
// flat yearly fee, not a price per Mbps: ITU CPP's 6.4 USD per Mbps per year is the operator's revenue.
import { z } from 'zod';
import { equipmentStream, sharedStream, type CostStream } from '../cost-stream.ts';
import { capacityCheck, capacityReason, infeasible, reason, say, type Technology } from './types.ts';

const schema = z.strictObject({
  terminalUsd: z.number().finite().min(0).max(50_000),
  serviceUsdPerYear: z.number().finite().min(0).max(100_000),
  maintenanceShareOfTerminal: z.number().finite().min(0).max(1),
  lifetimeYears: z.number().int().min(1).max(50),
  capacityMbps: z.number().finite().positive().max(10_000),
});
export type SatelliteParameters = z.infer<typeof schema>;

const satelliteStreamOf = (p: SatelliteParameters, on: 'new' | 'existing', k: number): CostStream =>
  equipmentStream(
    [on === 'existing'
      ? { item: 'satellite terminal (existing)', usd: p.terminalUsd, lifetimeYears: p.lifetimeYears, existing: true }
      : { item: 'satellite terminal and installation', usd: p.terminalUsd, lifetimeYears: p.lifetimeYears }],
    k,
    { fixedUsd: p.serviceUsdPerYear, shareOfCapex: p.maintenanceShareOfTerminal },
  );

/** `existing`: the terminal already on site (keeping a current satellite link), replaced at its lifetime. Shared (sharedStream). */
export const satelliteStream = (p: SatelliteParameters, k: number, existing = false): CostStream =>
  sharedStream(p, existing ? 'existing' : 'new', k, satelliteStreamOf);

export const satellite: Technology<SatelliteParameters, 'satellite'> = {
  id: 'satellite',
  parameterKey: 'satellite',
  words: 'satellite',
  shared: null,
  schema,
  defaults: { terminalUsd: 800, serviceUsdPerYear: 2400, maintenanceShareOfTerminal: 0.1, lifetimeYears: 5, capacityMbps: 150 },
  sources: {
    terminalUsd: 'ITU CPP hardware; range 600–2,500',
    serviceUsdPerYear: "≈ 200 USD a month per school, Kazakhstan's Starlink programme (kursiv.media 2023-10-13); range 1,200–4,800",
    maintenanceShareOfTerminal: 'ITU CPP: 10 % of the terminal a year',
    lifetimeYears: 'ITU CPP: satellite terminal 5 years',
    capacityMbps: 'Giga: 150 Mbps',
  },
  ranges: { terminalUsd: [600, 2500], serviceUsdPerYear: [1200, 4800] },
  option(site, p) {
    const stream = satelliteStream(p, site.regionMultiplier);
    if (site.connection === 'satellite' && !(site.measuredMbps !== null && site.measuredMbps < site.demandMbps)) {
      return infeasible('satellite', stream, p.capacityMbps, 'current_link', 'the facility is already on satellite: see "keep"');
    }
    const slow = capacityReason(site, p.capacityMbps);
    if (slow) return infeasible('satellite', stream, p.capacityMbps, slow.code, slow.text, slow.values);
    const upgrade = site.connection === 'satellite';
    // Written out, not `{ ...base, more }`: V8's slow path, microseconds a call, once per facility.
    return {
      technology: 'satellite', stream, capacityMbps: p.capacityMbps, feasible: true, outgrowsInYear: capacityCheck(site, p.capacityMbps).outgrowsInYear,
      reason: upgrade
        ? reason('satellite_upgrade', say(site, () => `replaces a satellite link measured at ${site.measuredMbps} Mbps`), { mbps: site.measuredMbps ?? 0 })
        : reason('available_everywhere', 'available everywhere'),
    };
  },
};
