// Recompute: measures only where inputs changed, then costs, scores and ranks for all facilities.
// - spatial parameters or any spatial layer changed → re-measure everything;
// - otherwise only facilities whose row changed (or are new) are re-measured;
// - the cost stage (pure TS, cheap) always runs unless nothing at all changed; a change in what
//   monitoring measured (facility_measured_state) reruns it alone, not the measures.
import type { Database, Queryable } from '../db/database.ts';
import { exclusively, exclusivelyIfFree } from '../db/exclusive.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { defaultThreads, evaluateInThreads, evaluateInThreadsInTurn, THREAD_MIN_FACILITIES } from './evaluate-pool.ts';
import { evaluateFigures, evaluateFiguresInTurn, FIGURE_COLUMNS, figureColumnsFor, type FigureColumns } from './evaluate-share.ts';
import { KEPT_MAX_FACILITIES, facilityInputs, readInputs, rememberInputs, type FacilityInputs } from './input-cache.ts';
import type { InputRow } from './inputs.ts';
import { measureEverything, measureFacilities, timePhase, type PhaseTimes, type Progress } from './measures.ts';
import { canonicalJson, parameterHash, spatialHash, type Parameters } from './parameters.ts';
import { ranksOf } from './rank.ts';
import { forgetResultCopy, writeResults, type Columns, type FiguresInTurn } from './result-write.ts';

const inputVersionsSql = loadSql(import.meta.url, './input-versions.sql');
const measuredStateVersion = loadSql(import.meta.url, './measured-state-version.sql');
const changedFacilities = loadSql(import.meta.url, './changed-facilities.sql');
const facilityChangeSql = loadSql(import.meta.url, './facility-change.sql');
const stateReadSql = loadSql(import.meta.url, './plan-state-read.sql');
const stateSaveSql = loadSql(import.meta.url, './plan-state-save.sql');
const stateMeasuresAheadSql = loadSql(import.meta.url, './plan-state-measures-ahead.sql');
const parameterSetSaveSql = loadSql(import.meta.url, './parameter-set-save.sql');
const orphansDeleteSql = loadSql(import.meta.url, './measures-orphans-delete.sql');
const resultCountsSql = loadSql(import.meta.url, './result-counts.sql');
const measuresCountSql = loadSql(import.meta.url, './measures-count.sql');

export type RecomputeReport = {
  durationMs: number;
  facilities: number;
  measured: number;
  removed: number;
  spatial: 'full' | 'incremental' | 'unchanged';
  costs: 'recomputed' | 'unchanged';
  /**
   * How results were written (result-write.ts): the table anew (an explicit full run, facilities added
   * or removed, or most rows changed), only the rows that differ (cost-only or re-measured), or not at all.
   */
  write: 'rewrite' | 'update' | 'none';
  /** Rows an update wrote (0 for the other writes). */
  rowsChanged: number;
  /** Fingerprint of the measured states the results were computed with. */
  measuredStateHash: string;
  parameterHash: string;
  ranked: number;
  orphans: number;
  /** Wall milliseconds per phase (measures SQL, road paths, reading inputs, evaluation, write, …). */
  phasesMs: PhaseTimes;
};

type State = { measures_ahead: boolean; spatial_hash: string | null; input_versions: string | null; parameter_hash: string | null; measured_state_hash: string | null; facility_change: string | null };

async function inputVersions(db: Queryable): Promise<string> {
  const rows = await runSql<{ key: string; value: string }>(db, inputVersionsSql);
  return canonicalJson(Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)])));
}

export function recompute(db: Database, p: Parameters, opts: RecomputeOptions = {}): Promise<RecomputeReport> {
  // One at a time per database: two at once interleave their truncates, reads and saved states.
  return exclusively(db, 'recompute', () => recomputeAlone(db, p, opts));
}

/** As recompute, but undefined at once when another recompute is running (see exclusivelyIfFree). */
export function recomputeIfFree(db: Database, p: Parameters): Promise<RecomputeReport | undefined> {
  return exclusivelyIfFree(db, 'recompute', () => recomputeAlone(db, p, {}));
}

type RecomputeOptions = { full?: boolean; progress?: Progress; costShares?: number; costThreads?: number; phases?: PhaseTimes };

async function recomputeAlone(db: Database, p: Parameters, opts: RecomputeOptions): Promise<RecomputeReport> {
  const started = performance.now();
  const phases: PhaseTimes = opts.phases ?? {}; // a caller's object fills as the phases end (benchmarks that may be stopped)
  const sh = spatialHash(p);
  const ph = parameterHash(p);
  const versions = await inputVersions(db);
  const [{ hash: mh }] = (await runSql<{ hash: string }>(db, measuredStateVersion)) as [{ hash: string }];
  const [state] = await runSql<State>(db, stateReadSql);
  // Read before the facilities are checked: a write committed after this moves it past what is stored.
  const [{ n: facilityChange }] = (await runSql<{ n: string }>(db, facilityChangeSql)) as [{ n: string }];
  const storedVersions = state?.input_versions ? canonicalJson(JSON.parse(state.input_versions)) : null;
  const spatialStale = opts.full || !state || state.spatial_hash !== sh || storedVersions !== versions;

  let measured = 0;
  let removed = 0;
  let spatial: RecomputeReport['spatial'] = 'unchanged';
  // Measures are replaced in one transaction (measures.ts): a failed run leaves the previous ones
  // whole. JIT is off for them: compiling these per-row lateral queries costs seconds and saves nothing.
  // They commit before the results and state do, so with them the state names them and marks them
  // ahead of the results: a run stopped in between is redone by the next, which re-reads them and
  // does not measure them again.
  const measuresAhead = (tx: Queryable) => runSql(tx, stateMeasuresAheadSql, { spatial_hash: sh, input_versions: versions });
  if (spatialStale) {
    measured = await measureEverything(db, p, opts.progress, phases, measuresAhead);
    spatial = 'full';
  } else if (state.facility_change !== facilityChange || state.measures_ahead) {
    // Some statement wrote `facility` since the last recompute: its row hashes say which rows changed.
    await db.transaction(async (tx) => {
      await tx.exec('SET LOCAL jit = off');
      const [gone, changed] = await timePhase(phases, 'changedFacilities', async () => [
        await runSql<{ facility_id: string }>(tx, orphansDeleteSql),
        (await runSql<{ id: string }>(tx, changedFacilities)).map((r) => r.id),
      ] as const);
      removed = gone.length;
      measured = await measureFacilities(tx, p, changed, opts.progress, phases);
      spatial = measured + removed > 0 || state.measures_ahead ? 'incremental' : 'unchanged';
      if (spatial === 'incremental') await measuresAhead(tx);
    });
  }

  await runSql(db, parameterSetSaveSql, { hash: ph, params: canonicalJson(p) });
  const costsStale = spatial !== 'unchanged' || state?.parameter_hash !== ph || state?.measured_state_hash !== mh || !!opts.full;
  // Inputs just re-measured, or monitoring's states moved, are read fresh; otherwise from memory.
  const fresh = spatial !== 'unchanged' || state?.measured_state_hash !== mh;
  // Measures changed: every column is built (written only where it differs); an explicit full run rewrites the table.
  const mode = spatial === 'unchanged' && !opts.full ? 'update' : 'rewrite';
  const saveState = (q: Queryable) => runSql(q, stateSaveSql, {
    spatial_hash: sh, input_versions: versions, parameter_hash: ph, measured_state_hash: mh, facility_change: facilityChange,
    remeasured: spatial !== 'unchanged', recomputed: costsStale,
  });
  // The state is saved in the result write's transaction: saved apart, a failure between the two
  // (connection lost, process killed) left new results under the old state, which a run with the
  // old parameters then found 'unchanged' and kept (review F3).
  const computed = costsStale ? await computeResults(db, p, mode, fresh, !!opts.full, saveState, opts.progress, phases, { shares: opts.costShares, threads: opts.costThreads }) : null;
  const counts = computed ? computed.counts : { ...(await resultCounts(db)), write: 'none' as const, rowsChanged: 0 };
  if (!computed) await saveState(db);
  if (computed?.inputs && fresh) await rememberInputs(db, computed.inputs);
  return {
    durationMs: Math.round(performance.now() - started),
    ...counts,
    measured,
    removed,
    spatial,
    costs: costsStale ? 'recomputed' : 'unchanged',
    parameterHash: ph,
    measuredStateHash: mh,
    phasesMs: phases,
  };
}

async function resultCounts(db: Queryable) {
  const [r] = await runSql<{ facilities: number; ranked: number; orphans: number }>(db, resultCountsSql);
  return r!;
}

/**
 * Facilities a cost-only re-rank evaluates (per share, on threads) before it hands their rows to the
 * write (whole settlements): on the bundled data (19,182) about five statements, each sent while the
 * next slice is evaluated. Tests lower it to send many.
 */
export const costOnlySlice = { facilities: 4_000 };

/** Facilities per share of the cost stage once there are more than the input cache keeps (memory stays bounded). */
const SHARE_FACILITIES = 200_000;

/**
 * Evaluates every facility in memory (the choice is per settlement, so a settlement's facilities
 * must be seen together) from the cached measures and ranks them, then writes only the rows that
 * differ from what plan_result holds (result-write.ts; an explicit full run rewrites the table).
 * Above KEPT_MAX_FACILITIES the facilities are read and evaluated in shares that keep each
 * settlement whole (result-inputs.sql :parts): only the result columns of all of them are kept
 * until the ranks are known. Each part is evaluated on worker threads in settlement-whole shares
 * (evaluate-pool.ts) from THREAD_MIN_FACILITIES facilities on. `split.shares` / `split.threads`
 * force a number of parts / threads (tests: the same results either way). `saveState` runs in the
 * result write's transaction.
 */
async function computeResults(db: Database, p: Parameters, mode: 'rewrite' | 'update', fresh: boolean, rebuild: boolean, saveState: (tx: Queryable) => Promise<unknown>, progress?: Progress, phases?: PhaseTimes, split: { shares?: number; threads?: number } = {}) {
  if (rebuild) forgetResultCopy(db); // compared with nothing: not kept alive beside the new columns
  const [{ n: total } = { n: 0 }] = await runSql<{ n: number }>(db, measuresCountSql, { ids: null });
  const parts = split.shares ?? (total > KEPT_MAX_FACILITIES ? Math.ceil(total / SHARE_FACILITIES) : 1);
  const cols: Columns = {};
  let absorbed = 0;
  let kept: FacilityInputs | null = null;
  let orphans = 0;
  progress?.('costs', 0, total);
  const absorbRows = (got: FacilityInputs) => {
    for (const r of got.rows) if (r.attach_method === 'orphan') orphans++;
    appendRows(cols, mode, got.rows);
  };
  const absorb = ([got, figures]: [FacilityInputs, FigureColumns]) => timePhase(phases, 'resultColumns', async () => {
    absorbRows(got);
    appendFigures(cols, mode, figures);
    progress?.('costs', (absorbed += got.rows.length), total);
  });
  const threadsFor = (got: FacilityInputs) => split.threads ?? (got.inputs.length >= THREAD_MIN_FACILITIES ? defaultThreads() : 1);
  const rank = () => timePhase(phases, 'rank', async () => void (cols.rank = ranksOf(cols.facility_id as string[], cols.score as Array<number | null>)));
  /** Milliseconds of evaluation and ranking spent inside the write (inTurn), not the write's own. */
  let inWriteMs = 0;
  let inTurn: FiguresInTurn | undefined;
  if (parts === 1) {
    const got = kept = await timePhase(phases, 'readInputs', () => facilityInputs(db, { fresh }));
    if (mode === 'update' && db.backend === 'postgres') {
      // Cost-only on PostgreSQL: the write begins first and sends the rows whose figures moved while
      // the next settlements are evaluated (result-write.ts FiguresInTurn), on this thread or the
      // pool's, so the server writes while the evaluation goes on, instead of each waiting for the
      // other. Readers are not held up (the write's locks keep out writers only); writers of plan_result
      // and plan_rank wait through the evaluation too. Not on the embedded database: while a
      // transaction is open its one session serves nothing else, so every page would wait through
      // the evaluation as well as the write.
      const figures = figureColumnsFor(got.inputs.length);
      const threads = threadsFor(got);
      await timePhase(phases, 'resultColumns', async () => {
        absorbRows(got);
        appendFigures(cols, mode, figures); // the columns themselves, filled as the evaluation goes
      });
      inTurn = async (flush) => {
        const t = performance.now();
        // The write's own part (comparing, making the statements, waiting for the one before) is the write's.
        let flushingMs = 0;
        const timedFlush = async (rows: readonly number[]) => {
          const f = performance.now();
          try {
            await flush(rows);
          } finally {
            flushingMs += performance.now() - f;
          }
        };
        if (threads > 1) await evaluateInThreadsInTurn(got.inputs, p, threads, figures, costOnlySlice.facilities, timedFlush);
        else await evaluateFiguresInTurn(got.inputs, p, figures, costOnlySlice.facilities, timedFlush);
        const evaluatingMs = performance.now() - t - flushingMs;
        if (phases) phases.evaluate = Math.round((phases.evaluate ?? 0) + evaluatingMs);
        progress?.('costs', got.rows.length, total);
        const r = performance.now();
        await rank();
        inWriteMs += evaluatingMs + performance.now() - r;
      };
    } else {
      const threads = threadsFor(got);
      await absorb([got, await timePhase(phases, 'evaluate', async () => threads > 1 ? evaluateInThreads(got.inputs, p, threads) : evaluateFigures(got.inputs, p))]);
    }
  } else {
    // On threads, a part's worker shares are evaluated while the next part is read (a share the caller
    // evaluates is done before: evaluate-pool.ts); parts are absorbed in order.
    let evaluating: Promise<[FacilityInputs, FigureColumns]> | null = null;
    for (let part = 0; part < parts; part++) {
      const got = await timePhase(phases, 'readInputs', () => readInputs(db, { part, parts }));
      const threads = threadsFor(got);
      const current = timePhase(phases, 'evaluate', async () => threads > 1 ? evaluateInThreads(got.inputs, p, threads) : evaluateFigures(got.inputs, p))
        .then((figures): [FacilityInputs, FigureColumns] => [got, figures]);
      current.catch(() => {}); // awaited on the next turn or below; a failure meanwhile is not unhandled
      if (evaluating) await absorb(await evaluating);
      evaluating = current;
    }
    if (evaluating) await absorb(await evaluating);
  }
  if (!inTurn) await rank();
  const ids = (cols.facility_id ?? []) as string[];
  const t = performance.now();
  const written = await writeResults(db, cols, mode, { rebuild, progress, phases, alongside: saveState, inTurn });
  if (phases) phases.writeResults = Math.round((phases.writeResults ?? 0) + performance.now() - t - inWriteMs);
  // Facilities came or went without a re-measure (an interrupted run): every column, written anew.
  if (!written) return computeResults(db, p, 'rewrite', fresh, rebuild, saveState, progress, phases, split);
  if (written.analyze) await timePhase(phases, 'analyze', () => db.exec('ANALYZE plan_result'));
  let ranked = 0;
  for (const r of cols.rank ?? []) if (r !== null) ranked++;
  const counts = { facilities: ids.length, ranked, orphans, write: written.write, rowsChanged: written.rowsChanged };
  return { counts, inputs: kept };
}

/** What a row takes from its facility's inputs (every column for a rewrite, search_text made when written; the figures come from appendFigures). */
const ROW_INPUTS: Record<'rewrite' | 'update', ReadonlyArray<[string, (r: InputRow) => unknown]>> = {
  update: [['facility_id', (r) => r.facility_id], ['measured_state', (r) => r.measured_state], ['measured', (r) => r.measured]],
  rewrite: [
    ['facility_id', (r) => r.facility_id], ['name', (r) => r.name], ['name_ru', (r) => r.name_ru], ['name_kk', (r) => r.name_kk],
    ['name_en', (r) => r.name_en], ['kind', (r) => r.kind], ['subkind', (r) => r.subkind], ['settlement_id', (r) => r.settlement_id],
    ['settlement_name', (r) => r.settlement_name], ['admin1_id', (r) => r.admin1_id], ['admin2_id', (r) => r.admin2_id],
    ['provenance', (r) => r.provenance], ['lon', (r) => r.lon], ['lat', (r) => r.lat],
    ['measured_state', (r) => r.measured_state], ['measured', (r) => r.measured],
  ],
};

/** Appends a part's rows column by column (a part's first column is taken as it is, not copied). */
function appendRows(cols: Columns, mode: 'rewrite' | 'update', rows: readonly InputRow[]): void {
  for (const [k, of] of ROW_INPUTS[mode]) {
    const to = cols[k];
    if (!to) cols[k] = rows.map(of);
    else for (const r of rows) to.push(of(r));
  }
}

/**
 * Appends the evaluated figures of a part (in its rows' order); the settlement type only for a rewrite
 * (an update keeps it). A part's first column is taken as it is: every evaluation makes new columns.
 */
function appendFigures(cols: Columns, mode: 'rewrite' | 'update', figures: FigureColumns): void {
  for (const k of FIGURE_COLUMNS) {
    if (k === 'settlement_type' && mode === 'update') continue;
    const to = cols[k];
    if (!to) cols[k] = figures[k];
    else for (const v of figures[k]) to.push(v);
  }
}
