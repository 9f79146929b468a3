// Priority score (docs/planning-model.md "Priority and ranking"): beneficiaries reached per million
// KZT of TCO, times named multipliers. Every component is returned so a rank explains itself.
import type { GapClass, MeasuredFlag } from './gap-class.ts';
import type { Parameters } from './parameters.ts';
import { round, roundScore } from './round.ts';

export type FacilityKind = 'school' | 'health' | 'library' | 'community' | 'other';

export type BeneficiaryInput = {
  kind: FacilityKind;
  students: number | null;
  staff: number | null;
  populationServed: number | null;
  settlementPopulation: number | null;
  /** OSM place of the facility's settlement (city, town, village, …); null: unknown. */
  settlementPlace?: string | null;
};

const URBAN = new Set(['city', 'town']);

/** Students + staff for a school, population served for a health point, a share of the village for a library. */
export function beneficiaries(f: BeneficiaryInput, p: Parameters): number {
  // A city's population is never credited to one building: in a city or town only a school's
  // pupils and every facility's own staff count (planning model "Scope").
  if (f.kind !== 'school' && f.settlementPlace != null && URBAN.has(f.settlementPlace)) return f.staff ?? 0;
  switch (f.kind) {
    case 'school':
      return (f.students ?? 0) + (f.staff ?? 0);
    case 'health':
      return f.populationServed ?? 0;
    case 'library':
      return round((f.settlementPopulation ?? 0) * p.beneficiaries.libraryPopulationShare, 2);
    default:
      return f.populationServed ?? round((f.settlementPopulation ?? 0) * p.beneficiaries.communityPopulationShare, 2);
  }
}

export type ScoreComponents = {
  beneficiaries: number;
  tcoMillionKzt: number;
  connection: number;
  hubSchool: number;
  litVillage: number;
  unreliable: number;
};

export type Score = { value: number; components: ScoreComponents; explanation: string };

export function score(
  i: { beneficiaries: number; tcoKzt: number; connection: string; subkind: string | null; gapClass: GapClass; measuredFlag: MeasuredFlag | null },
  p: Parameters,
  /** false: the figures only, no explanation text (the figures-only evaluation builds 19,000 of them a run). */
  detail = true,
): Score {
  const c = p.score.connection;
  const connection = i.connection in c ? c[i.connection as keyof typeof c] : c.unknown;
  const hubSchool = i.subkind === 'hub_school' ? p.score.hubSchool : 1;
  const litVillage = i.gapClass === 'lit_village' ? p.score.litVillage : 1;
  const unreliable = i.measuredFlag === 'unreliable' ? p.score.unreliable : 1;
  const tcoMillionKzt = i.tcoKzt / 1e6;
  const perMillion = tcoMillionKzt > 0 ? i.beneficiaries / tcoMillionKzt : 0;
  const value = roundScore(perMillion * connection * hubSchool * litVillage * unreliable);
  const components = { beneficiaries: i.beneficiaries, tcoMillionKzt: round(tcoMillionKzt, 6), connection, hubSchool, litVillage, unreliable };
  const explanation = !detail
    ? ''
    : `${i.beneficiaries} beneficiaries / ${components.tcoMillionKzt} M KZT` +
    ` × connection ${connection} × hub school ${hubSchool} × lit village ${litVillage}` +
    ` × unreliable ${unreliable} = ${value}`;
  return { value, components, explanation };
}
