// Illustrative schools, health points and rural libraries, placed in settlements by size, with
// school and hospital totals per oblast equal to the official 2022 counts.
import { apportion, dhondt } from './apportion.ts';
import {
  CONNECTION_SHARES, HEALTH_BANDS, HOSPITAL_RULE, LIBRARY_RULE, MBPS_RULE, OFFSET_RULE, SCHOOL_RULE,
} from './facility-rules.ts';
import { offsetPoint, round6 } from './geometry.ts';
import { healthName, libraryName, placeNames, schoolName, type TriName } from './names.ts';
import { rngFor } from './prng.ts';
import type { Connection, Facility, FacilityKind, OblastCounts, Settlement } from './types.ts';

/** Schools per settlement of one oblast, summing to `total` (see apportion for the rule). */
export function allocateSchools(oblast: readonly Settlement[], total: number): Map<string, number> {
  const eligible = oblast.filter((s) => s.place !== 'isolated_dwelling' && s.pop >= SCHOOL_RULE.minPopulation);
  return apportion(eligible.map((s) => ({ id: s.id, weight: s.pop })), total);
}

/**
 * Hospitals per settlement of one oblast, summing to `total`: first one in each district's largest
 * settlement (if ≥ 1,500 people), largest districts first; the rest by D'Hondt over cities, towns,
 * places ≥ 5,000 people and those district centres.
 */
export function allocateHospitals(oblast: readonly Settlement[], total: number): Map<string, number> {
  const centres = new Map<string, Settlement>();
  for (const s of oblast) {
    const cur = centres.get(s.adm2);
    if (!cur || s.pop > cur.pop || (s.pop === cur.pop && s.osmId < cur.osmId)) centres.set(s.adm2, s);
  }
  const firstRound = [...centres.values()]
    .filter((s) => s.pop >= HOSPITAL_RULE.districtCentreMinPopulation)
    .sort((a, b) => b.pop - a.pop || a.osmId - b.osmId)
    .slice(0, total);
  const start = new Map(firstRound.map((s) => [s.id, 1]));
  const claimants = oblast
    .filter((s) => start.has(s.id) || s.place === 'city' || s.place === 'town' || s.pop >= HOSPITAL_RULE.otherMinPopulation)
    .map((s) => ({ id: s.id, weight: s.pop }));
  return dhondt(claimants, start, total - firstRound.length);
}

export function healthBand(pop: number): (typeof HEALTH_BANDS)[number] | null {
  return HEALTH_BANDS.find((b) => pop >= b.minPopulation) ?? null;
}

/** Splits `total` into `parts` near-equal whole shares, the larger ones first. */
export function splitEvenly(total: number, parts: number): number[] {
  const base = Math.floor(total / parts), extra = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

export function connectionFor(
  seed: number, facilityId: string, situation: keyof typeof CONNECTION_SHARES,
): { connection: Connection; measured_mbps: number | null } {
  const rng = rngFor(seed, 'connection', facilityId);
  const connection = rng.pick(CONNECTION_SHARES[situation]);
  const range = MBPS_RULE.ranges[connection];
  if (!range || !rng.chance(MBPS_RULE.measuredShare)) return { connection, measured_mbps: null };
  return { connection, measured_mbps: Math.round(rng.uniform(range[0], range[1]) * 10) / 10 };
}

export function facilityPosition(seed: number, facilityId: string, s: Settlement): [number, number] {
  const rng = rngFor(seed, 'position', facilityId);
  const maxM = Math.min(OFFSET_RULE.maxM, OFFSET_RULE.baseM + OFFSET_RULE.perSqrtPersonM * Math.sqrt(s.pop));
  const distance = OFFSET_RULE.minM + (maxM - OFFSET_RULE.minM) * Math.sqrt(rng.next()); // uniform over the ring
  const p = offsetPoint(s.at, distance, rng.uniform(0, 360));
  return [round6(p[0]), round6(p[1])];
}

interface Draft {
  id: string;
  kind: FacilityKind;
  subkind: string;
  name: TriName;
  students: number | null;
  staff: number | null;
  population_served: number | null;
}

/** All illustrative facilities of all settlements, sorted by id. `lit` = settlements with a fibre PoP. */
export function deriveFacilities(
  settlements: readonly Settlement[], counts: OblastCounts, lit: ReadonlySet<string>, seed: number,
): Facility[] {
  const byOblast = new Map<string, Settlement[]>();
  for (const s of settlements) {
    let list = byOblast.get(s.adm1);
    if (!list) byOblast.set(s.adm1, (list = []));
    list.push(s);
  }
  for (const pcode of byOblast.keys()) {
    if (!counts.schools.has(pcode) || !counts.hospitals.has(pcode)) {
      throw new Error(`while deriving facilities: oblast ${pcode} has settlements but no official counts`);
    }
  }
  const schools = new Map<string, number>(), hospitals = new Map<string, number>();
  for (const [pcode, total] of counts.schools) {
    for (const [id, n] of allocateSchools(byOblast.get(pcode) ?? [], total)) schools.set(id, n);
  }
  for (const [pcode, total] of counts.hospitals) {
    for (const [id, n] of allocateHospitals(byOblast.get(pcode) ?? [], total)) hospitals.set(id, n);
  }

  const out: Facility[] = [];
  for (const s of [...settlements].sort((a, b) => a.osmId - b.osmId)) {
    const names = placeNames(s);
    const drafts: Draft[] = [];

    const nSchools = schools.get(s.id) ?? 0;
    splitEvenly(Math.round(s.pop * SCHOOL_RULE.studentShare), Math.max(1, nSchools)).slice(0, nSchools).forEach((students, i) => {
      const subkind = s.pop < SCHOOL_RULE.smallClassMaxPopulation ? 'small_class_school' : s.isHub && i === 0 ? 'hub_school' : 'school';
      drafts.push({
        id: `ill-school-${s.osmId}-${i + 1}`, kind: 'school', subkind, name: schoolName(names, subkind, i + 1),
        students, staff: Math.max(SCHOOL_RULE.minStaff, Math.round(students * SCHOOL_RULE.staffPerStudent)), population_served: null,
      });
    });

    const nHospitals = hospitals.get(s.id) ?? 0;
    splitEvenly(s.pop, Math.max(1, nHospitals)).slice(0, nHospitals).forEach((served, i) => {
      drafts.push({
        id: `ill-health-${s.osmId}-hospital-${i + 1}`, kind: 'health', subkind: 'hospital', name: healthName(names, 'hospital', i + 1),
        students: null, staff: HOSPITAL_RULE.staff, population_served: served,
      });
    });

    const band = s.place === 'city' ? null : healthBand(s.pop);
    if (band) {
      drafts.push({
        id: `ill-health-${s.osmId}-${band.subkind}`, kind: 'health', subkind: band.subkind, name: healthName(names, band.subkind, 1),
        students: null, staff: band.staff, population_served: s.pop,
      });
    }

    const rural = s.place === 'village' || s.place === 'hamlet';
    if (rural && (s.pop >= LIBRARY_RULE.minPopulation || s.isHub)) {
      drafts.push({
        id: `ill-library-${s.osmId}`, kind: 'library', subkind: 'rural_library', name: libraryName(names), students: null,
        staff: s.pop >= LIBRARY_RULE.staffLargeFromPopulation ? LIBRARY_RULE.staffLarge : LIBRARY_RULE.staffSmall,
        population_served: s.pop,
      });
    }

    const situation = names.urban ? 'urban' : lit.has(s.id) ? 'litVillage' : 'otherVillage';
    for (const d of drafts) {
      out.push({
        id: d.id, kind: d.kind, subkind: d.subkind, name: d.name.ru, name_ru: d.name.ru, name_kk: d.name.kk, name_en: d.name.en,
        settlement_id: s.id, students: d.students, staff: d.staff, population_served: d.population_served,
        ...connectionFor(seed, d.id, situation), at: facilityPosition(seed, d.id, s),
      });
    }
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
