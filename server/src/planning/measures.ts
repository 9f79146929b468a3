// Spatial measures: settlements and facilities against fibre, PoPs and coverage (SQL), then the
// along-road drop lengths (road-graph.ts) for the facilities whose fibre is within reach. Fresh
// measures are written to plan_measure_stage / plan_settlement_stage first and replace the stored
// ones in one transaction, so a run that fails leaves the previous measures whole; a full
// re-measure on PostgreSQL runs its shares on two connections at once (both cores).
import type { Database, Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { fillSql, loadSqlTemplate, trusted } from '../db/sql-template.ts';
import { fitInHeap } from './heap-share.ts';
import type { Parameters } from './parameters.ts';
import { sha, spatialHash } from './parameters.ts';
import { RoadGraph, type LonLat } from './road-graph.ts';

const prepareRoutes = loadSql(import.meta.url, './prepare-routes.sql');
const prepareCoverage = loadSql(import.meta.url, './prepare-coverage.sql');
const pieceSource = loadSql(import.meta.url, './piece-source.sql');
const pieceSourceSave = loadSql(import.meta.url, './piece-source-save.sql');
const settlementMeasures = loadSql(import.meta.url, './settlement-measures.sql');
const settlementMeasuresKeep = loadSql(import.meta.url, './settlement-measures-keep.sql');
const facilityMeasures = loadSql(import.meta.url, './facility-measures.sql');
const measuresKeep = loadSql(import.meta.url, './measures-keep.sql');
const roadCandidates = loadSql(import.meta.url, './road-candidates.sql');
const roadPathsUpdate = loadSql(import.meta.url, './road-paths-update.sql');
const measuresDelete = loadSql(import.meta.url, './measures-delete.sql');
const measuresCount = loadSql(import.meta.url, './measures-count.sql');
const roadGraphSource = loadSql(import.meta.url, './road-graph-source.sql');
const roadsSql = fillSql(loadSqlTemplate(import.meta.url, './roads.sql'), { fingerprint: trusted(roadGraphSource.text) });

export type Progress = (stage: string, done: number, total: number) => void;
/** Wall milliseconds per phase of a recompute (phase → ms), filled as the phases run. */
export type PhaseTimes = Record<string, number>;

/** Runs fn and adds its wall time to phases[name] (phases that run on two connections at once add up both). */
export async function timePhase<T>(phases: PhaseTimes | undefined, name: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await fn();
  } finally {
    if (phases) phases[name] = Math.round((phases[name] ?? 0) + performance.now() - t);
  }
}

/** Connections a full re-measure uses at once on PostgreSQL (the job thread's pool holds two: never more, or a step waits for a connection and times out). */
const LANES = 2;

/**
 * Runs the steps on LANES connections at once on a server, one after another embedded (one
 * connection); each lane takes the next step when its last one ends. Results in the steps' order.
 */
async function inLanes<T>(db: Database, steps: ReadonlyArray<() => Promise<T>>): Promise<T[]> {
  const out: T[] = new Array(steps.length);
  let next = 0;
  const lanes = db.backend === 'postgres' ? LANES : 1;
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (next < steps.length) {
      const i = next++;
      out[i] = await steps[i]!();
    }
  }));
  return out;
}

/** Each cut-up copy's recipe, and a hash of its text: a new recipe cuts again. */
const RECIPES = {
  routes: { sql: prepareRoutes, hash: sha(prepareRoutes.text) },
  coverage: { sql: prepareCoverage, hash: sha(prepareCoverage.text) },
};

/**
 * Cuts the copies `pieces` again unless they were cut by the same recipe, PostGIS build and schema
 * from the same source rows (piece-source.sql: a few milliseconds, against about 0.3 s of cutting on
 * PostgreSQL and 0.6 s embedded, bundled data). The fingerprint is saved in the transaction that
 * cuts. Returns whether it cut.
 */
async function cutPieces(db: Database, pieces: keyof typeof RECIPES): Promise<boolean> {
  const recipe = RECIPES[pieces];
  return db.transaction(async (tx) => {
    // One snapshot for the fingerprint and the cut: an import committing in between would otherwise
    // leave pieces of the new rows under the old rows' fingerprint (review of a8952f4).
    await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const [{ now, was }] = (await runSql<{ now: string; was: string | null }>(tx, pieceSource, { pieces, recipe: recipe.hash })) as [{ now: string; was: string | null }];
    if (now === was) return false;
    await tx.exec(recipe.sql.text);
    await runSql(tx, pieceSourceSave, { pieces, fingerprint: now });
    return true;
  });
}

/** Facility shares of a full re-measure; two connections take them in turn (8: the last share, run alone, is short). */
const SHARES = 8;

type Share = { part: number; parts: number } | null;
const shareParams = (s: Share) => ({ part: s?.part ?? null, parts: s?.parts ?? null });

/**
 * Re-measures every settlement and facility (spatial inputs or parameters changed). The cut-up
 * fibre and coverage are rebuilt and committed first (the other connection must see them; they
 * depend on the layers alone, so a run stopped after this leaves them as the next would make them);
 * the measures themselves replace the stored ones in one transaction at the end, which `beforeKeep`
 * joins (recompute records there that the measures are ahead of the results). Returns how many
 * facilities were measured.
 */
export async function measureEverything(db: Database, p: Parameters, progress?: Progress, phases?: PhaseTimes, beforeKeep?: (tx: Queryable) => Promise<unknown>): Promise<number> {
  progress?.('fibre, coverage and settlements', 0, 1);
  // Route pieces, coverage pieces and the road graph are independent: on PostgreSQL two load at a time.
  // The pieces are cut again only when what they are cut from changed (cutPieces).
  const [graph] = await timePhase(phases, 'prepareInputs', () => inLanes<RoadGraph | null | void>(db, [
    () => timePhase(phases, 'roadGraph', () => roadGraphOf(db)),
    async () => void (await cutPieces(db, 'coverage')),
    async () => void (await cutPieces(db, 'routes')),
    () => db.exec('TRUNCATE plan_measure_stage, plan_settlement_stage'),
  ]));
  // Settlements first (two shares, one per connection): a facility's KNN scans are bounded by its
  // settlement's distances (facility-measures.sql). Then the facility shares, two connections in turn.
  const settlementTasks: Array<(tx: Queryable) => Promise<void>> = [];
  for (let part = 0; part < LANES; part++) {
    settlementTasks.push(async (tx) => {
      await timePhase(phases, 'settlementMeasures', () => runSql(tx, settlementMeasures, shareParams({ part, parts: LANES })));
    });
  }
  const tasks: Array<(tx: Queryable) => Promise<void>> = [];
  for (let part = 0; part < SHARES; part++) {
    tasks.push(async (tx) => {
      const share = { part, parts: SHARES };
      await timePhase(phases, 'facilityMeasures', () => runSql(tx, facilityMeasures, measureParams(p, null, share, true)));
      if (graph) await measureRoadPaths(tx, graph, p, share, phases);
    });
  }
  // Each task in its own transaction on its own connection (PostgreSQL); JIT off: compiling these
  // per-row lateral queries costs seconds and saves nothing. Embedded: one connection, in turn.
  const run = (list: typeof tasks) => inLanes(db, list.map((task) => () => db.transaction(async (tx) => {
    await tx.exec('SET LOCAL jit = off');
    await task(tx);
  })));
  await timePhase(phases, 'measureLanes', async () => {
    await run(settlementTasks);
    await run(tasks);
  });
  return timePhase(phases, 'keepMeasures', () => db.transaction(async (tx) => {
    // Both tables at once, in the order readers take them (result-inputs.sql, regions.sql: plan_measure
    // first): truncating plan_settlement first held it while waiting for a reader of plan_measure
    // that was about to read plan_settlement, and PostgreSQL cancelled one of the two (deadlock).
    await tx.exec('LOCK TABLE plan_measure, plan_settlement IN ACCESS EXCLUSIVE MODE');
    await beforeKeep?.(tx);
    await tx.exec('TRUNCATE plan_settlement');
    await runSql(tx, settlementMeasuresKeep);
    await tx.exec('TRUNCATE plan_measure');
    await runSql(tx, measuresKeep);
    const [{ n } = { n: 0 }] = await runSql<{ n: number }>(tx, measuresCount, { ids: null });
    progress?.('measures', n, n);
    return n;
  }));
}

/** Re-measures the given facilities (rows changed or new) inside the caller's transaction; returns how many. */
export async function measureFacilities(tx: Queryable, p: Parameters, ids: string[], progress?: Progress, phases?: PhaseTimes): Promise<number> {
  await runSql(tx, measuresDelete, { ids });
  if (ids.length === 0) return 0;
  await tx.exec('TRUNCATE plan_measure_stage');
  await timePhase(phases, 'facilityMeasures', () => runSql(tx, facilityMeasures, measureParams(p, ids, null, false)));
  const graph = await timePhase(phases, 'roadGraph', () => roadGraphOf(tx));
  if (graph) await measureRoadPaths(tx, graph, p, null, phases);
  await runSql(tx, measuresKeep);
  const [{ n } = { n: 0 }] = await runSql<{ n: number }>(tx, measuresCount, { ids });
  progress?.('measures', n, n);
  return n;
}

/** freshSettlements: the settlements were just measured into plan_settlement_stage (a full re-measure), else plan_settlement holds them. */
const measureParams = (p: Parameters, ids: string[] | null, share: Share, freshSettlements: boolean) => ({
  ids, ...shareParams(share), fresh_settlements: freshSettlements, spatial_hash: spatialHash(p), attach_radius_m: p.spatial.attachRadiusM, max_fibre_drop_m: p.spatial.maxFibreDropM,
});

type Candidate = { facility_id: string; lon: number; lat: number; pop_lon: number | null; pop_lat: number | null; splice_lon: number | null; splice_lat: number | null };

/**
 * The road graph last built, under the fingerprint of the roads it was built from
 * (road-graph-source.sql). The graph depends on the roads alone and is never changed once built, so a
 * re-measure with the same roads (a spatial parameter, another layer, a facility edited) uses it again
 * instead of building it anew (≈ 200 ms of a 3 s full recompute on the bundled data). One graph: the
 * fingerprint holds every road, so two databases with the same roads share it rightly.
 */
let keptGraph: { fingerprint: string; graph: RoadGraph | null } | null = null;
/** Graphs built by this thread (tests: a graph used again is not built again). */
export const roadGraphBuilds = { count: 0 };
/**
 * ≈ bytes a road graph holds per node: measured 360 B (`--expose-gc`, 55,000 and 300,000 nodes of
 * degree ≈ 2: each adjacency list grows to 17 slots at its first push, each edge is its own array),
 * with the segments' index.
 */
const GRAPH_BYTES_PER_NODE = 375;

async function roadGraphOf(db: Queryable): Promise<RoadGraph | null> {
  const [{ fingerprint }] = (await runSql<{ fingerprint: string }>(db, roadGraphSource)) as [{ fingerprint: string }];
  if (keptGraph?.fingerprint === fingerprint) return keptGraph.graph;
  keptGraph = null; // the old graph is let go before the new one is built
  // Kept under the fingerprint read with the roads (roads.sql), not the one above: roads imported in
  // between, then imported back, would otherwise leave a graph of other roads under theirs.
  const { graph, fingerprint: builtFrom } = await loadRoadGraph(db);
  roadGraphBuilds.count++;
  // A national road network far larger than the heap allows is built per run and not kept.
  if (!graph || graph.nodeCount <= fitInHeap(0.1, GRAPH_BYTES_PER_NODE, 100_000)) keptGraph = { fingerprint: builtFrom, graph };
  return graph;
}

async function loadRoadGraph(db: Queryable): Promise<{ graph: RoadGraph | null; fingerprint: string }> {
  const rows = await runSql<{ g: string | null; fingerprint: string }>(db, roadsSql);
  const fingerprint = rows[0]!.fingerprint; // one row at least (roads.sql)
  if (rows[0]!.g === null) return { graph: null, fingerprint };
  function* lines() {
    for (const r of rows) {
      const g = JSON.parse(r.g!) as { type: string; coordinates: unknown };
      const parts = (g.type === 'LineString' ? [g.coordinates] : g.coordinates) as LonLat[][];
      yield* parts;
    }
  }
  return { graph: new RoadGraph(lines()), fingerprint };
}

/** Along-road lengths to the PoP and to the splice point of the fresh measures (all, or one share). */
async function measureRoadPaths(db: Queryable, graph: RoadGraph, p: Parameters, share: Share, phases?: PhaseTimes): Promise<void> {
  const max = p.spatial.maxFibreDropM;
  const cands = await timePhase(phases, 'roadCandidates', () => runSql<Candidate>(db, roadCandidates, { max_drop_m: max, ...shareParams(share) }));
  const started = performance.now();
  const out = { ids: [] as string[], pop: [] as (number | null)[], splice: [] as (number | null)[], snap: [] as (number | null)[], note: [] as (string | null)[] };
  const flush = async () => {
    if (out.ids.length === 0) return;
    await runSql(db, roadPathsUpdate, { ids: out.ids, pop_m: out.pop, splice_m: out.splice, snap_m: out.snap, note: out.note });
    for (const k of Object.keys(out) as Array<keyof typeof out>) out[k].length = 0;
  };
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
  }
  await flush();
  if (phases) phases.roadPaths = Math.round((phases.roadPaths ?? 0) + performance.now() - started);
}
