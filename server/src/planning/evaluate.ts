// One facility from measures to result: gap class, technology options, recommendation, score.
// Pure: the recompute and the explanation endpoint both call this, so they never disagree.
import { gapClass, measuredFlag, settlementLit, type GapClass, type MeasuredFlag, type MeasuredState } from './gap-class.ts';
import type { Parameters } from './parameters.ts';
import { roundKzt } from './round.ts';
import { beneficiaries, score, type FacilityKind, type Score } from './score.ts';
import { fibreAccess, recommend, technologyOptions, type Recommendation, type TechnologyInput } from './technology.ts';

export type SettlementMeasure = { popInSettlement: boolean; popDistanceM: number | null; routeDistanceM: number | null };

export type FacilityInput = {
  facilityId: string;
  kind: FacilityKind;
  subkind: string | null;
  connection: string;
  students: number | null;
  staff: number | null;
  populationServed: number | null;
  settlementPopulation: number | null;
  admin1Id: string | null;
  admin2Id: string | null;
  settlement: SettlementMeasure | null;
  popDistanceM: number | null;
  routeDistanceM: number | null;
  roadPathPopM: number | null;
  roadPathSpliceM: number | null;
  mobileTechnology: string | null;
  /** Monitoring's verdict (facility_measured_state); null: no monitored site. */
  measured: MeasuredState | null;
};

export type Evaluation = {
  gapClass: GapClass;
  measuredFlag: MeasuredFlag | null;
  settlementLit: boolean;
  demandMbps: number;
  regionMultiplier: number;
  beneficiaries: number;
  /** null for a connected facility: nothing to build. */
  plan: (Recommendation & { tcoKzt: number; score: Score }) | null;
};

export function regionMultiplier(admin1Id: string | null, admin2Id: string | null, p: Parameters): number {
  const m = p.regionCostMultiplier;
  if (admin2Id !== null && m[admin2Id] !== undefined) return m[admin2Id];
  if (admin1Id !== null && m[admin1Id] !== undefined) return m[admin1Id];
  return 1;
}

export function evaluateFacility(f: FacilityInput, p: Parameters): Evaluation {
  const demandMbps = p.demandMbps[f.kind];
  const mult = regionMultiplier(f.admin1Id, f.admin2Id, p);
  const tech: TechnologyInput = {
    demandMbps,
    popDistanceM: f.popDistanceM,
    routeDistanceM: f.routeDistanceM,
    roadPathPopM: f.roadPathPopM,
    roadPathSpliceM: f.roadPathSpliceM,
    mobileTechnology: f.mobileTechnology,
    regionMultiplier: mult,
  };
  const lit = settlementLit(f.settlement, p.villageRadiusM);
  const cls = gapClass({
    connection: f.connection,
    settlementLit: lit,
    fibrePathM: fibreAccess(tech, p)?.pathM ?? null,
    mobileTechnology: f.mobileTechnology,
    maxFibreDropM: p.spatial.maxFibreDropM,
    measured: f.measured,
  });
  const flag = measuredFlag(f.measured);
  const b = beneficiaries(f, p);
  const base = { gapClass: cls, measuredFlag: flag, settlementLit: lit, demandMbps, regionMultiplier: mult, beneficiaries: b };
  if (cls === 'connected') return { ...base, plan: null };
  const rec = recommend(technologyOptions(tech, p));
  const tcoKzt = roundKzt(rec.recommendation.tcoUsd * p.finance.kztPerUsd);
  const s = score({ beneficiaries: b, tcoKzt, connection: f.connection, subkind: f.subkind, gapClass: cls, measuredFlag: flag }, p);
  return { ...base, plan: { ...rec, tcoKzt, score: s } };
}
