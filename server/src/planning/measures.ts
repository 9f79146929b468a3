// Spatial measures: settlements and facilities against fibre, PoPs and coverage (SQL), then the
// along-road drop lengths (road-graph.ts) for the facilities whose fibre is within reach.
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import type { Parameters } from './parameters.ts';
import { spatialHash } from './parameters.ts';
import { RoadGraph, type LonLat } from './road-graph.ts';

const prepareInputs = loadSql(import.meta.url, './prepare-inputs.sql');
const settlementMeasures = loadSql(import.meta.url, './settlement-measures.sql');
const facilityMeasures = loadSql(import.meta.url, './facility-measures.sql');
const roadCandidates = loadSql(import.meta.url, './road-candidates.sql');
const roadPathsUpdate = loadSql(import.meta.url, './road-paths-update.sql');
const measuresDelete = loadSql(import.meta.url, './measures-delete.sql');
const measuresCount = loadSql(import.meta.url, './measures-count.sql');
const roadsSql = loadSql(import.meta.url, './roads.sql');

export type Progress = (stage: string, done: number, total: number) => void;
/** Wall milliseconds per phase of a recompute (phase → ms), filled as the phases run. */
export type PhaseTimes = Record<string, number>;

/** Runs fn and adds its wall time to phases[name]. */
export async function timePhase<T>(phases: PhaseTimes | undefined, name: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await fn();
  } finally {
    if (phases) phases[name] = Math.round((phases[name] ?? 0) + performance.now() - t);
  }
}

/** Rebuilds the cut-up fibre and coverage and the settlement measures (spatial inputs changed). */
export async function measureSettlements(db: Queryable, phases?: PhaseTimes): Promise<void> {
  await timePhase(phases, 'prepareInputs', () => db.exec(prepareInputs.text));
  await timePhase(phases, 'settlementMeasures', () => db.exec(settlementMeasures.text));
}

/** Measures all facilities (ids null) or the given ones; returns how many rows were written. */
export async function measureFacilities(db: Queryable, p: Parameters, ids: string[] | null, progress?: Progress, phases?: PhaseTimes): Promise<number> {
  if (ids === null) await db.exec('TRUNCATE plan_measure');
  else await runSql(db, measuresDelete, { ids });
  if (ids !== null && ids.length === 0) return 0;
  await timePhase(phases, 'facilityMeasures', () =>
    runSql(db, facilityMeasures, { ids, spatial_hash: spatialHash(p), attach_radius_m: p.spatial.attachRadiusM, max_fibre_drop_m: p.spatial.maxFibreDropM }));
  const [{ n } = { n: 0 }] = await runSql<{ n: number }>(db, measuresCount, { ids });
  progress?.('measures', n, n);
  await measureRoadPaths(db, p, ids, progress, phases);
  return n;
}

type Candidate = { facility_id: string; lon: number; lat: number; pop_lon: number | null; pop_lat: number | null; splice_lon: number | null; splice_lat: number | null };

async function loadRoadGraph(db: Queryable): Promise<RoadGraph | null> {
  const rows = await runSql<{ g: string }>(db, roadsSql);
  if (rows.length === 0) return null;
  function* lines() {
    for (const r of rows) {
      const g = JSON.parse(r.g) as { type: string; coordinates: unknown };
      const parts = (g.type === 'LineString' ? [g.coordinates] : g.coordinates) as LonLat[][];
      yield* parts;
    }
  }
  return new RoadGraph(lines());
}

/** Along-road lengths to the PoP and to the splice point, when roads are loaded and reachable. */
async function measureRoadPaths(db: Queryable, p: Parameters, ids: string[] | null, progress?: Progress, phases?: PhaseTimes): Promise<void> {
  const graph = await timePhase(phases, 'roadGraph', () => loadRoadGraph(db));
  if (!graph) return;
  const max = p.spatial.maxFibreDropM;
  const cands = await timePhase(phases, 'roadCandidates', () => runSql<Candidate>(db, roadCandidates, { ids, max_drop_m: max }));
  const started = performance.now();
  const out = { ids: [] as string[], pop: [] as (number | null)[], splice: [] as (number | null)[], snap: [] as (number | null)[], note: [] as (string | null)[] };
  const flush = async () => {
    if (out.ids.length === 0) return;
    await runSql(db, roadPathsUpdate, { ids: out.ids, pop_m: out.pop, splice_m: out.splice, snap_m: out.snap, note: out.note });
    for (const k of Object.keys(out) as Array<keyof typeof out>) out[k].length = 0;
  };
  let done = 0;
  for (const c of cands) {
    const from: LonLat = [c.lon, c.lat];
    const toPop = c.pop_lon !== null && c.pop_lat !== null ? graph.path(from, [c.pop_lon, c.pop_lat], p.spatial.roadSnapLimitM, max) : null;
    const toSplice = c.splice_lon !== null && c.splice_lat !== null ? graph.path(from, [c.splice_lon, c.splice_lat], p.spatial.roadSnapLimitM, max) : null;
    const ok = [toPop, toSplice].filter((r) => r?.ok) as Array<{ snapFromM: number }>;
    const failed = [toPop, toSplice].filter((r) => r && !r.ok) as Array<{ reason: string }>;
    out.ids.push(c.facility_id);
    out.pop.push(toPop?.ok ? toPop.pathM : null);
    out.splice.push(toSplice?.ok ? toSplice.pathM : null);
    out.snap.push(ok[0]?.snapFromM ?? null);
    out.note.push(failed.length > 0 ? failed.map((f) => f.reason).join(',') : null);
    if (out.ids.length >= 5000) await flush();
    if (++done % 1000 === 0) progress?.('road paths', done, cands.length);
  }
  await flush();
  if (phases) phases.roadPaths = Math.round(performance.now() - started);
  progress?.('road paths', cands.length, cands.length);
}
