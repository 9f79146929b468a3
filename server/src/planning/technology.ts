// Technology options of one facility (docs/planning-model.md "Technology options and cost"):
// every technology is costed, feasible or not, so the recommendation can be explained.
import type { Parameters } from './parameters.ts';
import { roundM, roundUsd } from './round.ts';
import { tco } from './tco.ts';

export const TECHNOLOGIES = ['fibre', 'radio', 'lte', 'satellite'] as const;
export type Technology = (typeof TECHNOLOGIES)[number];

export type FibreAccess = {
  accessPoint: 'pop' | 'splice';
  pathM: number;
  pathMethod: 'roads' | 'route_factor';
};

export type TechnologyInput = {
  demandMbps: number;
  popDistanceM: number | null;
  routeDistanceM: number | null;
  roadPathPopM: number | null;
  roadPathSpliceM: number | null;
  mobileTechnology: string | null;
  regionMultiplier: number;
};

export type TechnologyOption = {
  technology: Technology;
  feasible: boolean;
  reason: string; // why feasible or not, in one line
  capexUsd: number;
  opexUsdPerYear: number;
  tcoUsd: number;
  fibre?: FibreAccess;
};

export type Recommendation = {
  options: TechnologyOption[];
  recommendation: TechnologyOption; // satellite is always feasible, so there always is one
  whyOthersLost: Array<{ technology: Technology; reason: 'infeasible' | 'costlier'; message: string }>;
};

const km = (m: number) => (m / 1000).toFixed(2);

/** Path of a drop to an access point: along roads when found, else geodesic × route factor. */
function dropPath(geodesicM: number | null, roadM: number | null, factor: number): { pathM: number; pathMethod: FibreAccess['pathMethod'] } | null {
  if (roadM !== null) return { pathM: roadM, pathMethod: 'roads' };
  if (geodesicM === null) return null;
  return { pathM: geodesicM * factor, pathMethod: 'route_factor' };
}

/** Cheapest fibre access: the PoP, or a mid-span splice on a built route (costs a splice more). */
export function fibreAccess(i: TechnologyInput, p: Parameters): (FibreAccess & { capexUsd: number }) | null {
  const cands: Array<FibreAccess & { capexUsd: number }> = [];
  const viaPop = dropPath(i.popDistanceM, i.roadPathPopM, p.routeFactor);
  if (viaPop) cands.push({ accessPoint: 'pop', ...viaPop, capexUsd: p.fibre.siteUsd + (p.fibre.perKmUsd * viaPop.pathM) / 1000 });
  const viaSplice = dropPath(i.routeDistanceM, i.roadPathSpliceM, p.routeFactor);
  if (viaSplice) {
    const capexUsd = p.fibre.siteUsd + (p.fibre.perKmUsd * viaSplice.pathM) / 1000 + p.fibre.spliceUsd;
    cands.push({ accessPoint: 'splice', ...viaSplice, capexUsd });
  }
  // A feasible drop beats an infeasible one; then the cheaper; a tie goes to the PoP (listed first).
  const max = p.spatial.maxFibreDropM;
  cands.sort((a, b) => Number(a.pathM > max) - Number(b.pathM > max) || a.capexUsd - b.capexUsd);
  return cands[0] ?? null;
}

function costed(technology: Technology, feasible: boolean, reason: string, capex: number, opex: number, p: Parameters, fibre?: FibreAccess): TechnologyOption {
  const option: TechnologyOption = {
    technology,
    feasible,
    reason,
    capexUsd: roundUsd(capex),
    opexUsdPerYear: roundUsd(opex),
    tcoUsd: roundUsd(tco(capex, opex, p.finance.discountRate, p.finance.years)),
  };
  if (fibre) option.fibre = { ...fibre, pathM: roundM(fibre.pathM)! };
  return option;
}

export function technologyOptions(i: TechnologyInput, p: Parameters): TechnologyOption[] {
  const m = i.regionMultiplier;
  const d = i.demandMbps;
  const out: TechnologyOption[] = [];

  const access = fibreAccess(i, p);
  if (access) {
    const capex = access.capexUsd * m;
    const feasible = access.pathM <= p.spatial.maxFibreDropM;
    const via = access.accessPoint === 'pop' ? 'from the PoP' : 'from a mid-span splice on a built route';
    const how = access.pathMethod === 'roads' ? 'along roads' : `geodesic × ${p.routeFactor}`;
    const reason = feasible
      ? `drop of ${km(access.pathM)} km ${via} (${how})`
      : `drop of ${km(access.pathM)} km ${via} exceeds the ${km(p.spatial.maxFibreDropM)} km limit`;
    out.push(costed('fibre', feasible, reason, capex, p.fibre.opexShareOfCapex * capex + p.fibre.opexUsdPerMbps * d, p, access));
  } else {
    out.push(costed('fibre', false, 'no fibre PoP or built route in the data', 0, 0, p));
  }

  const radioCapex = (p.radio.siteUsd + p.radio.towerUsd) * m;
  const radioOpex = p.radio.opexShareOfCapex * radioCapex + p.radio.opexUsdPerMbps * d;
  if (i.popDistanceM === null) out.push(costed('radio', false, 'no fibre PoP to link to', radioCapex, radioOpex, p));
  else {
    const feasible = i.popDistanceM <= p.radio.maxDistanceM;
    const reason = feasible
      ? `link of ${km(i.popDistanceM)} km to the PoP; line of sight assumed (no terrain data)`
      : `PoP ${km(i.popDistanceM)} km away, beyond the ${km(p.radio.maxDistanceM)} km radio range`;
    out.push(costed('radio', feasible, reason, radioCapex, radioOpex, p));
  }

  const lteCapex = p.lte.cpeUsd * m;
  const lteOpex = p.lte.opexShareOfCapex * lteCapex + p.lte.opexUsdPerMbps * d;
  const t = i.mobileTechnology;
  if (t === '4G' || t === '5G') out.push(costed('lte', true, `inside ${t} coverage`, lteCapex, lteOpex, p));
  else if (t === '3G' && d <= p.lte.max3gMbps) out.push(costed('lte', true, `inside 3G coverage; ${d} Mbps ≤ ${p.lte.max3gMbps}`, lteCapex, lteOpex, p));
  else if (t === '3G') out.push(costed('lte', false, `only 3G coverage, and ${d} Mbps > ${p.lte.max3gMbps} Mbps that 3G carries`, lteCapex, lteOpex, p));
  else out.push(costed('lte', false, t ? `only ${t} coverage` : 'outside mobile coverage', lteCapex, lteOpex, p));

  const satCapex = p.satellite.terminalUsd * m;
  const satOpex = p.satellite.opexShareOfCapex * satCapex + p.satellite.opexUsdPerMbps * d + 12 * p.satellite.monthlyFeeUsd;
  out.push(costed('satellite', true, 'available everywhere', satCapex, satOpex, p));
  return out;
}

/** The cheapest feasible option (ties: the order of TECHNOLOGIES), and why each other one lost. */
export function recommend(options: TechnologyOption[]): Recommendation {
  const feasible = options.filter((o) => o.feasible);
  const best = feasible.reduce((a, b) => (b.tcoUsd < a.tcoUsd ? b : a));
  const whyOthersLost = options
    .filter((o) => o !== best)
    .map((o) =>
      o.feasible
        ? {
            technology: o.technology,
            reason: 'costlier' as const,
            message: `TCO ${o.tcoUsd.toFixed(2)} USD is ${(o.tcoUsd - best.tcoUsd).toFixed(2)} USD more than ${best.technology}`,
          }
        : { technology: o.technology, reason: 'infeasible' as const, message: o.reason },
    );
  return { options, recommendation: best, whyOthersLost };
}
