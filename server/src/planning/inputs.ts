// Reads the evaluation inputs of facilities page by page and turns a row into a FacilityInput.
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import type { FacilityInput } from './evaluate.ts';
import type { MeasuredState } from './gap-class.ts';
import { roundM } from './round.ts';
import type { FacilityKind } from './score.ts';

const resultInputs = loadSql(import.meta.url, './result-inputs.sql');

export type InputRow = {
  facility_id: string; kind: FacilityKind; subkind: string | null; connection: string;
  students: number | null; staff: number | null; population_served: number | null;
  name: string | null; name_ru: string | null; name_kk: string | null; name_en: string | null;
  provenance: string; lon: number; lat: number;
  settlement_id: string | null; settlement_name: string | null; settlement_population: number | null;
  admin1_id: string | null; admin2_id: string | null;
  pop_in_settlement: boolean | null; settlement_pop_m: number | null; settlement_route_m: number | null;
  attach_method: string; attach_distance_m: number | null;
  pop_id: string | null; pop_distance_m: number | null; pop_lon: number | null; pop_lat: number | null;
  route_id: string | null; route_distance_m: number | null; splice_lon: number | null; splice_lat: number | null;
  road_path_pop_m: number | null; road_path_splice_m: number | null; road_snap_m: number | null; road_note: string | null;
  mobile_technology: string | null;
  measured_state: MeasuredState['state'] | null; measured: boolean | null; site_id: string | null;
  availability_7d: number | null; availability_30d: number | null;
};

/** Distances are rounded here, once, before any rule sees them (backend parity). */
export function toFacilityInput(r: InputRow): FacilityInput {
  return {
    facilityId: r.facility_id,
    kind: r.kind,
    subkind: r.subkind,
    connection: r.connection,
    students: r.students,
    staff: r.staff,
    populationServed: r.population_served,
    settlementPopulation: r.settlement_population,
    admin1Id: r.admin1_id,
    admin2Id: r.admin2_id,
    settlement:
      r.pop_in_settlement === null
        ? null
        : { popInSettlement: r.pop_in_settlement, popDistanceM: roundM(r.settlement_pop_m), routeDistanceM: roundM(r.settlement_route_m) },
    popDistanceM: roundM(r.pop_distance_m),
    routeDistanceM: roundM(r.route_distance_m),
    roadPathPopM: roundM(r.road_path_pop_m),
    roadPathSpliceM: roundM(r.road_path_splice_m),
    mobileTechnology: r.mobile_technology,
    measured: r.measured_state === null ? null : { state: r.measured_state, measured: r.measured === true },
  };
}

export async function* inputPages(db: Queryable, pageSize = 20000): AsyncGenerator<InputRow[]> {
  let after = '';
  for (;;) {
    const rows = await runSql<InputRow>(db, resultInputs, { id: null, after, limit: pageSize });
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.facility_id;
    if (rows.length < pageSize) return;
  }
}

export async function inputOf(db: Queryable, facilityId: string): Promise<InputRow | undefined> {
  const [row] = await runSql<InputRow>(db, resultInputs, { id: facilityId, after: '', limit: 1 });
  return row;
}
