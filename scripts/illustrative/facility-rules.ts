// Every number the illustrative facilities depend on, in one place, with where it comes from.
// These are defaults of a stand-in layer, not findings: replace the layer with real registers.
import type { Connection } from './types.ts';

export const SCHOOL_RULE = {
  /** settlements below this get no school (tiny hamlets; pupils ride to a neighbour) — ours */
  minPopulation: 100,
  /** a school in a settlement below this is a small-class school (малокомплектная) — ours */
  smallClassMaxPopulation: 500,
  /** pupils per resident — our assumption, of the order of the national ratio; applied to every
   * settlement alike */
  studentShare: 0.19,
  /** school staff (teachers and others) per pupil — ours, ≈ 1 adult per 8 pupils */
  staffPerStudent: 1 / 8,
  /** even the smallest school has a head, teachers for mixed-age classes and a caretaker */
  minStaff: 4,
} as const;

/**
 * Primary care points by settlement size, after the state norm of the health-care network
 * (Order of the Minister of Health ҚР ДСМ-133/2020) in its 2022 revision, with the bands announced
 * for the national project "Modernisation of rural health care" (decree No. 962, 30.11.2022):
 * medical point 50–500 residents, feldsher-midwife post (ФАП) 500–1,500, outpatient clinic
 * (врачебная амбулатория) 1,500–5,000, primary-care centre (центр ПМСП) 5,000–30,000.
 * Below 50 residents the norm gives a visiting health worker, not a facility. The older
 * feldsher post (ФП) has no band in the 2022 norm, so none is generated.
 */
export const HEALTH_BANDS: readonly { minPopulation: number; subkind: string; staff: number }[] = [
  { minPopulation: 5000, subkind: 'phc_centre', staff: 40 },
  { minPopulation: 1500, subkind: 'outpatient_clinic', staff: 10 },
  { minPopulation: 500, subkind: 'fap', staff: 3 },
  { minPopulation: 50, subkind: 'medical_point', staff: 1 },
];

export const HOSPITAL_RULE = {
  /** a district's largest settlement gets its district hospital only from this size — ours */
  districtCentreMinPopulation: 1500,
  /** the remaining hospitals go to cities, towns and villages from this size — ours */
  otherMinPopulation: 5000,
  staff: 150,
} as const;

export const LIBRARY_RULE = {
  /** a village or hamlet from this size has a rural library; hub settlements always do — ours */
  minPopulation: 300,
  staffSmall: 1,
  staffLargeFromPopulation: 1500,
  staffLarge: 2,
} as const;

/** Facility positions: a seeded offset within min(maxM, baseM + perSqrtPersonM·√population). */
export const OFFSET_RULE = { baseM: 150, perSqrtPersonM: 4, maxM: 800, minM: 30 } as const;

/**
 * Current connection of a facility, by its settlement's situation (ours, illustrative): urban
 * places are mostly on fibre; villages with a fibre PoP are partly connected (the rest is the
 * "lit village" gap); other villages rely on mobile and satellite.
 */
export const CONNECTION_SHARES: Readonly<Record<'urban' | 'litVillage' | 'otherVillage', Readonly<Record<Connection, number>>>> = {
  urban: { fibre: 0.7, dsl: 0.15, mobile: 0.1, satellite: 0, none: 0, unknown: 0.05 },
  litVillage: { fibre: 0.2, dsl: 0.1, mobile: 0.25, satellite: 0.15, none: 0.25, unknown: 0.05 },
  otherVillage: { fibre: 0, dsl: 0.1, mobile: 0.35, satellite: 0.25, none: 0.25, unknown: 0.05 },
};

/** Measured download speed, uniform in [min, max) Mbps, present for `measuredShare` of linked sites. */
export const MBPS_RULE = {
  measuredShare: 0.8,
  ranges: { fibre: [20, 100], dsl: [1, 8], mobile: [0.5, 15], satellite: [1, 10] } as Readonly<Record<string, readonly [number, number]>>,
} as const;
