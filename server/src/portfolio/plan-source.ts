// Reads the gap engine's measures and evaluates every facility with a scenario's parameters, using
// the engine's own pure evaluation (server/src/planning/evaluate.ts), so a scenario and the gap
// list agree whenever their parameters agree.
import type { Database, Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { evaluateFacility } from '../planning/evaluate.ts';
import { inputPages, toFacilityInput, type InputRow } from '../planning/inputs.ts';
import { activeParameters } from '../planning/active-parameters.ts';
import { spatialHash, type Parameters } from '../planning/parameters.ts';
import { recompute } from '../planning/recompute.ts';
import { round } from '../planning/round.ts';
import type { PlannedFacility } from './engine.ts';
import type { AccessPoint } from './trench.ts';

const dataVersionSql = loadSql(import.meta.url, './data-version.sql');

export class PlanStateError extends Error {
  constructor(readonly code: 'spatial_parameters_differ', message: string) {
    super(message);
    this.name = 'PlanStateError';
  }
}

export async function dataVersion(db: Queryable): Promise<Record<string, number>> {
  const rows = await runSql<{ layer: string; version: number }>(db, dataVersionSql);
  return Object.fromEntries(rows.map((r) => [r.layer, Number(r.version)]));
}

/** The parameters the gap list was last computed with, or the defaults (the gap engine's rule). */
export const currentPlanningParameters = activeParameters;

/**
 * Brings the engine's measures up to date (incremental: only changed inputs are re-measured) with
 * the parameters the gap list already uses, so a scenario run never changes the gap list. A
 * scenario whose spatial parameters differ from the measured ones is refused: re-measuring is a
 * planning decision (POST /api/plan/recompute), not a side effect of a what-if.
 */
export async function ensureMeasures(db: Database, scenario: Parameters): Promise<void> {
  const current = await currentPlanningParameters(db);
  await recompute(db, current);
  if (spatialHash(scenario) !== spatialHash(current)) {
    throw new PlanStateError(
      'spatial_parameters_differ',
      `the scenario's spatial parameters (${JSON.stringify(scenario.spatial)}) differ from those the measures were computed with ` +
        `(${JSON.stringify(current.spatial)}); recompute the plan with them first`,
    );
  }
}

// A computed splice point can differ in its last bits between PostGIS versions (50.099999999999994
// vs 50.1): rounded to 1e-7° (~1 cm), both backends lay the very same trench.
const deg = (x: number) => round(x, 7);

function accessPointOf(r: InputRow, kind: 'pop' | 'splice'): AccessPoint | null {
  if (kind === 'pop' && r.pop_lon !== null && r.pop_lat !== null) {
    return { id: `access:pop:${r.pop_id}`, lon: deg(r.pop_lon), lat: deg(r.pop_lat), kind: 'pop' };
  }
  if (kind === 'splice' && r.splice_lon !== null && r.splice_lat !== null) {
    const lon = deg(r.splice_lon), lat = deg(r.splice_lat);
    return { id: `access:splice:${r.route_id}:${lon},${lat}`, lon, lat, kind: 'splice' };
  }
  return null;
}

export function toPlanned(r: InputRow, p: Parameters): PlannedFacility {
  const e = evaluateFacility(toFacilityInput(r), p);
  const rec = e.plan?.recommendation;
  const c = e.plan?.score.components;
  return {
    facilityId: r.facility_id,
    name: r.name ?? r.name_ru ?? r.name_kk ?? r.name_en,
    kind: r.kind,
    settlementId: r.settlement_id,
    admin1Id: r.admin1_id,
    admin2Id: r.admin2_id,
    lon: r.lon,
    lat: r.lat,
    gapClass: e.gapClass,
    technology: rec?.technology ?? 'none',
    tcoUsd: rec?.tcoUsd ?? 0,
    tcoKzt: e.plan?.tcoKzt ?? 0,
    beneficiaries: e.beneficiaries,
    multiplier: c ? c.connection * c.hubSchool * c.litVillage * c.unreliable : 1,
    demandMbps: e.demandMbps,
    pathM: rec?.fibre?.pathM ?? null,
    accessPoint: rec?.fibre ? accessPointOf(r, rec.fibre.accessPoint) : null,
  };
}

/** Keep at most this many input rows in memory between runs (a few hundred MB at most). */
const CACHE_ROWS = 250_000;
const cache = new WeakMap<Queryable, { key: string; rows: InputRow[] }>();

/**
 * The gap engine's inputs change only when it re-measures (a changed facility row or layer), which
 * moves plan_state.measured_at, or when monitoring's measured states change (measured_state_hash,
 * rows carry them); until then, scenario runs reuse the rows instead of reading them
 * again (on the embedded backend, reading 19,000 rows is most of a run).
 */
async function inputRows(db: Queryable): Promise<InputRow[]> {
  const [state] = await db.query<{ key: string }>(
    `SELECT measured_at::text || '|' || coalesce(input_versions::text, '') || '|' || coalesce(measured_state_hash, '')
            || '|' || (SELECT count(*) FROM plan_measure)::text AS key
     FROM plan_state WHERE id = 1`,
  );
  const hit = state ? cache.get(db) : undefined;
  if (hit && hit.key === state!.key) return hit.rows;
  const rows: InputRow[] = [];
  for await (const page of inputPages(db)) for (const r of page) rows.push(r);
  if (state && rows.length <= CACHE_ROWS) cache.set(db, { key: state.key, rows });
  return rows;
}

export async function loadPlannedFacilities(db: Queryable, p: Parameters): Promise<PlannedFacility[]> {
  return (await inputRows(db)).map((r) => toPlanned(r, p));
}
