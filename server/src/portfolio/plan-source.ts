// Reads the gap engine's measures and evaluates every facility with a scenario's parameters, using
// the engine's own pure evaluation (server/src/planning/evaluate.ts), so a scenario and the gap
// list agree whenever their parameters agree.
import type { Database, Queryable } from '../db/database.ts';
import { AppError } from '../app-error.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { evaluateFacilities, type FacilityInput } from '../planning/evaluate.ts';
import { facilityInputs } from '../planning/input-cache.ts';
import { toFacilityInput, type InputRow } from '../planning/inputs.ts';
import { activeParameters } from '../planning/active-parameters.ts';
import { spatialHash, valueAt, withValue, type Parameters } from '../planning/parameters.ts';
import { recompute, recomputeIfFree } from '../planning/recompute.ts';
import { round } from '../planning/round.ts';
import type { PlannedFacility, PlannedGroup } from './engine.ts';

const dataVersionSql = loadSql(import.meta.url, './data-version.sql');

export class PlanStateError extends AppError {
  constructor(override readonly code: 'spatial_parameters_differ', message: string) {
    super(409, code, message);
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
 * `wait: false` (pages with a time budget: PPP, trenches): while another recompute runs, read the
 * measures as it has not yet replaced them (it replaces them in one transaction) rather than queue
 * behind it — a national recompute outlasts any page's budget.
 */
export async function ensureMeasures(db: Database, scenario: Parameters, opts: { wait?: boolean } = {}): Promise<void> {
  const current = await currentPlanningParameters(db);
  if (opts.wait === false) await recomputeIfFree(db, current);
  else await recompute(db, current);
  if (spatialHash(scenario) !== spatialHash(current)) {
    throw new PlanStateError(
      'spatial_parameters_differ',
      `the scenario's spatial parameters (${JSON.stringify(scenario.spatial)}) differ from those the measures were computed with ` +
        `(${JSON.stringify(current.spatial)}); recompute the plan with them first`,
    );
  }
}

/**
 * The plan for a scenario: every facility evaluated with the gap engine's own settlement choice,
 * and for each its TCO's slope in every uncertain unit cost with the choice held fixed (the same
 * evaluation at a nudged unit cost: one cost code path, no formula copied here). Costs are linear
 * in each unit cost, so an item's cost in a Monte Carlo draw is exact.
 */
export function planFacilities(rows: readonly InputRow[], p: Parameters, uncertain: readonly string[], given?: readonly FacilityInput[]): { facilities: PlannedFacility[]; groups: PlannedGroup[] } {
  const inputs = given ?? rows.map(toFacilityInput);
  const run = evaluateFacilities(inputs, p, { detail: false });
  const fixed = new Map([...run.evaluations].map(([id, e]) => [id, e.choice?.technology ?? null]));
  const exact = (r: typeof run) => new Map([...r.evaluations].map(([id, e]) => [id, e.choice?.tcoUsd ?? 0]));
  const base = exact(run);
  const slopes = uncertain.map((name) => {
    const v = valueAt(p, name);
    const step = Math.max(1, Math.abs(v));
    // Each facility's fixed choice alone is costed again (evaluate.ts `fixed`).
    const nudged = exact(evaluateFacilities(inputs, withValue(p, name, v + step), { fixed, detail: false }));
    return { name, step, nudged };
  });
  const facilities = rows.map((r): PlannedFacility => {
    const e = run.evaluations.get(r.facility_id)!;
    const c = e.choice;
    const coefUsd: Record<string, number> = {};
    for (const s of slopes) {
      const d = (s.nudged.get(r.facility_id)! - base.get(r.facility_id)!) / s.step;
      if (d !== 0) coefUsd[s.name] = d;
    }
    const k = e.score?.components;
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
      technology: c?.technology ?? 'none',
      inScope: e.inScope,
      tcoUsd: c?.tcoUsd ?? 0,
      tcoKzt: c?.tcoKzt ?? 0,
      beneficiaries: e.beneficiaries,
      multiplier: k ? k.connection * k.hubSchool * k.litVillage * k.unreliable : 1,
      demandMbps: e.demandMbps,
      groupId: c?.group?.id ?? null,
      coefUsd,
    };
  });
  const groups: PlannedGroup[] = run.groups.map((g) => ({
    id: g.id, kind: g.kind, settlementId: g.id.slice(g.id.indexOf(':') + 1), memberIds: g.memberIds,
    lengthM: g.lengthM === null ? null : round(g.lengthM, 2), tcoUsd: round(g.costed.tcoUsd, 2), savingUsd: round(g.savingUsd, 2), geometry: g.geometry,
  }));
  return { facilities, groups };
}

export async function loadPlan(db: Queryable, p: Parameters, uncertain: readonly string[]): Promise<{ facilities: PlannedFacility[]; groups: PlannedGroup[] }> {
  // The measures as the gap engine cached them (input-cache.ts): read once until it re-measures.
  const { rows, inputs } = await facilityInputs(db);
  return planFacilities(rows, p, uncertain, inputs);
}
