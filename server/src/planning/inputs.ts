// Reads the evaluation inputs of facilities page by page and turns a row into a FacilityInput.
import type { Database, Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { fillSql, loadSqlTemplate, trusted } from '../db/sql-template.ts';
import type { FacilityInput } from './evaluate.ts';
import type { MeasuredState } from './gap-class.ts';
import { round, roundM } from './round.ts';
import type { FacilityKind } from './score.ts';

const resultInputs = loadSql(import.meta.url, './result-inputs.sql');
const resultInputsPage = fillSql(loadSqlTemplate(import.meta.url, './result-inputs-page.sql'), {
  inputs: trusted(loadSqlTemplate(import.meta.url, './result-inputs.sql').source),
});

export type InputRow = {
  facility_id: string; kind: FacilityKind; subkind: string | null; connection: string; measured_mbps: number | null;
  students: number | null; staff: number | null; population_served: number | null;
  name: string | null; name_ru: string | null; name_kk: string | null; name_en: string | null;
  provenance: string; lon: number; lat: number;
  settlement_id: string | null; settlement_name: string | null; settlement_population: number | null; settlement_place: string | null;
  admin1_id: string | null; admin2_id: string | null;
  pop_in_settlement: boolean | null; settlement_pop_m: number | null; settlement_route_m: number | null;
  attach_method: string; attach_distance_m: number | null;
  pop_id: string | null; pop_distance_m: number | null; pop_lon: number | null; pop_lat: number | null;
  route_id: string | null; route_distance_m: number | null; splice_lon: number | null; splice_lat: number | null;
  road_path_pop_m: number | null; road_path_splice_m: number | null; road_snap_m: number | null; road_note: string | null;
  mobile_technology: string | null;
  planned_route_id: string | null; planned_distance_m: number | null; planned_year: number | null;
  measured_state: MeasuredState['state'] | null; measured: boolean | null; site_id: string | null;
  availability_7d: number | null; availability_30d: number | null;
};

// A computed splice point can differ in its last bits between PostGIS versions (50.099999999999994
// vs 50.1): rounded to 1e-7° (~1 cm), both backends lay the very same trench.
const deg = (x: number) => round(x, 7);
function spliceNode(routeId: string, lonRaw: number, latRaw: number) {
  const lon = deg(lonRaw), lat = deg(latRaw);
  return { id: `access:splice:${routeId}:${lon},${lat}`, kind: 'splice' as const, lon, lat };
}

/** Distances are rounded here, once, before any rule sees them (backend parity). */
export function toFacilityInput(r: InputRow): FacilityInput {
  return {
    facilityId: r.facility_id,
    kind: r.kind,
    subkind: r.subkind,
    connection: r.connection,
    measuredMbps: r.measured_mbps,
    students: r.students,
    staff: r.staff,
    populationServed: r.population_served,
    settlementId: r.settlement_id,
    settlementPlace: r.settlement_place,
    settlementPopulation: r.settlement_population,
    lon: r.lon,
    lat: r.lat,
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
    pop: r.pop_id !== null && r.pop_lon !== null && r.pop_lat !== null ? { id: `access:pop:${r.pop_id}`, kind: 'pop', lon: deg(r.pop_lon), lat: deg(r.pop_lat) } : null,
    splice: r.route_id !== null && r.splice_lon !== null && r.splice_lat !== null ? spliceNode(r.route_id, r.splice_lon, r.splice_lat) : null,
    mobileTechnology: r.mobile_technology,
    planned: r.planned_route_id !== null && r.planned_distance_m !== null && r.planned_year !== null
      ? { routeId: r.planned_route_id, distanceM: roundM(r.planned_distance_m)!, year: r.planned_year }
      : null,
    measured: r.measured_state === null ? null : { state: r.measured_state, measured: r.measured === true },
  };
}

type InputQuery = { id: string | null; settlement: string | null; after: string; limit: number; parts: number | null; part: number | null };

/**
 * One page of inputs: one JSON array from the embedded backend (result-inputs-page.sql), rows from
 * the server or from a transaction (which does not say its backend); the same rows either way.
 */
async function inputRows(db: Queryable, q: InputQuery): Promise<InputRow[]> {
  if ((db as Partial<Database>).backend !== 'embedded') return runSql<InputRow>(db, resultInputs, q);
  const [row] = await runSql<{ page: string }>(db, resultInputsPage, q);
  return row ? (JSON.parse(row.page) as InputRow[]) : [];
}

/**
 * Every facility's inputs page by page, or only share `part` of `parts` (whole settlements, see
 * result-inputs.sql). The server reads them in one statement and hands them out in pages: a keyset
 * page re-scans and re-joins every row after it (a share's filter cannot use an index), which made
 * 2.2 M facilities read in 11 shares of 10 pages quadratic (195 s). Embedded reads page by page
 * (one JSON string each).
 */
export async function* inputPages(db: Queryable, pageSize = 20000, share: { part: number; parts: number } | null = null): AsyncGenerator<InputRow[]> {
  const onePass = (db as Partial<Database>).backend !== 'embedded';
  const limit = onePass ? 2 ** 31 - 1 : pageSize;
  let after = '';
  for (;;) {
    const rows = await inputRows(db, { id: null, settlement: null, after, limit, parts: share?.parts ?? null, part: share?.part ?? null });
    if (rows.length === 0) return;
    for (let i = 0; i < rows.length; i += pageSize) yield rows.slice(i, i + pageSize);
    if (onePass || rows.length < pageSize) return;
    after = rows[rows.length - 1]!.facility_id;
  }
}

export async function inputOf(db: Queryable, facilityId: string): Promise<InputRow | undefined> {
  const [row] = await inputRows(db, { id: facilityId, settlement: null, after: '', limit: 1, parts: null, part: null });
  return row;
}

/** The inputs of every facility of one settlement (the choice is made per settlement). */
export async function settlementInputs(db: Queryable, settlementId: string): Promise<InputRow[]> {
  return inputRows(db, { id: null, settlement: settlementId, after: '', limit: 100_000, parts: null, part: null });
}
