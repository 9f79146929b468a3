// Recompute: measures only where inputs changed, then costs, scores and ranks for all facilities.
// - spatial parameters or any spatial layer changed → re-measure everything;
// - otherwise only facilities whose row changed (or are new) are re-measured;
// - the cost stage (pure TS, cheap) always runs unless nothing at all changed; a change in what
//   monitoring measured (facility_measured_state) reruns it alone, not the measures.
import type { Database, Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { evaluateFacilities, type Evaluation } from './evaluate.ts';
import { facilityInputs, rememberInputs, type FacilityInputs } from './input-cache.ts';
import type { InputRow } from './inputs.ts';
import { measureFacilities, measureSettlements, type Progress } from './measures.ts';
import { canonicalJson, parameterHash, spatialHash, type Parameters } from './parameters.ts';
import { rankByScore } from './rank.ts';
import { foldForSearch } from './search-fold.ts';

const inputVersionsSql = loadSql(import.meta.url, './input-versions.sql');
const measuredStateVersion = loadSql(import.meta.url, './measured-state-version.sql');
const changedFacilities = loadSql(import.meta.url, './changed-facilities.sql');
const resultInsert = loadSql(import.meta.url, './result-insert.sql');
const resultUpdate = loadSql(import.meta.url, './result-update.sql');
const indexesDrop = loadSql(import.meta.url, './result-indexes-drop.sql');
const indexesCreate = loadSql(import.meta.url, './result-indexes-create.sql');
const stateReadSql = loadSql(import.meta.url, './plan-state-read.sql');
const stateSaveSql = loadSql(import.meta.url, './plan-state-save.sql');
const parameterSetSaveSql = loadSql(import.meta.url, './parameter-set-save.sql');
const orphansDeleteSql = loadSql(import.meta.url, './measures-orphans-delete.sql');
const resultCountsSql = loadSql(import.meta.url, './result-counts.sql');
const resultRowsSql = loadSql(import.meta.url, './result-rows.sql');

export type RecomputeReport = {
  durationMs: number;
  facilities: number;
  measured: number;
  removed: number;
  spatial: 'full' | 'incremental' | 'unchanged';
  costs: 'recomputed' | 'unchanged';
  /** How results were written: every row anew (measures changed), only the changed rows (cost-only), or not at all. */
  write: 'rewrite' | 'update' | 'none';
  /** Rows the cost-only update changed (0 for the other writes). */
  rowsChanged: number;
  /** Fingerprint of the measured states the results were computed with. */
  measuredStateHash: string;
  parameterHash: string;
  ranked: number;
  orphans: number;
};

type State = { spatial_hash: string | null; input_versions: string | null; parameter_hash: string | null; measured_state_hash: string | null };

async function inputVersions(db: Queryable): Promise<string> {
  const rows = await runSql<{ key: string; value: string }>(db, inputVersionsSql);
  return canonicalJson(Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)])));
}

export async function recompute(db: Database, p: Parameters, opts: { full?: boolean; progress?: Progress } = {}): Promise<RecomputeReport> {
  const started = performance.now();
  const sh = spatialHash(p);
  const ph = parameterHash(p);
  const versions = await inputVersions(db);
  const [{ hash: mh }] = (await runSql<{ hash: string }>(db, measuredStateVersion)) as [{ hash: string }];
  const [state] = await runSql<State>(db, stateReadSql);
  const storedVersions = state?.input_versions ? canonicalJson(JSON.parse(state.input_versions)) : null;
  const spatialStale = opts.full || !state || state.spatial_hash !== sh || storedVersions !== versions;

  let measured = 0;
  let removed = 0;
  let spatial: RecomputeReport['spatial'] = 'unchanged';
  // Measures change in one transaction: a failed run leaves the previous ones whole. JIT is off
  // for it: compiling these per-row lateral queries costs seconds and saves nothing.
  await db.transaction(async (tx) => {
    await tx.exec('SET LOCAL jit = off');
    if (spatialStale) {
      opts.progress?.('fibre, coverage and settlements', 0, 1);
      await measureSettlements(tx);
      measured = await measureFacilities(tx, p, null, opts.progress);
      spatial = 'full';
    } else {
      const gone = await runSql<{ facility_id: string }>(tx, orphansDeleteSql);
      removed = gone.length;
      const changed = (await runSql<{ id: string }>(tx, changedFacilities)).map((r) => r.id);
      measured = await measureFacilities(tx, p, changed, opts.progress);
      spatial = measured + removed > 0 ? 'incremental' : 'unchanged';
    }
  });

  await runSql(db, parameterSetSaveSql, { hash: ph, params: canonicalJson(p) });
  const costsStale = spatial !== 'unchanged' || state?.parameter_hash !== ph || state?.measured_state_hash !== mh || !!opts.full;
  // Inputs just re-measured, or monitoring's states moved, are read fresh; otherwise from memory.
  const fresh = spatial !== 'unchanged' || state?.measured_state_hash !== mh;
  const mode = spatial === 'unchanged' && !opts.full ? 'update' : 'rewrite';
  const computed = costsStale ? await computeResults(db, p, mode, fresh, opts.progress) : null;
  const counts = computed ? computed.counts : { ...(await resultCounts(db)), write: 'none' as const, rowsChanged: 0 };
  await runSql(db, stateSaveSql, {
    spatial_hash: sh, input_versions: versions, parameter_hash: ph, measured_state_hash: mh,
    remeasured: spatial !== 'unchanged', recomputed: costsStale,
  });
  if (computed && fresh) await rememberInputs(db, computed.inputs);
  return {
    durationMs: Math.round(performance.now() - started),
    ...counts,
    measured,
    removed,
    spatial,
    costs: costsStale ? 'recomputed' : 'unchanged',
    parameterHash: ph,
    measuredStateHash: mh,
  };
}

async function resultCounts(db: Queryable) {
  const [r] = await runSql<{ facilities: number; ranked: number; orphans: number }>(db, resultCountsSql);
  return r!;
}

/** Names as written (lower case) and folded (search-fold.ts), so every spelling of a place finds it. */
const searchText = (r: InputRow) => {
  const names = [r.name, r.name_ru, r.name_kk, r.name_en, r.settlement_name].filter((x): x is string => !!x);
  return [...names, r.facility_id].join(' | ').toLowerCase() + ' | ' + names.map(foldForSearch).join(' | ');
};

/**
 * Evaluates every facility in memory (the choice is per settlement, so a settlement's facilities
 * must be seen together) from the cached measures and ranks them. Measures changed: every row is
 * written anew (indexes dropped and rebuilt). Cost-only: one UPDATE of the changed rows.
 */
async function computeResults(db: Database, p: Parameters, mode: 'rewrite' | 'update', fresh: boolean, progress?: Progress) {
  const got = await facilityInputs(db, { fresh });
  const { rows, inputs } = got;
  progress?.('costs', 0, rows.length);
  const run = evaluateFacilities(inputs, p, { detail: false });
  const ranks = rankByScore(rows.map((r) => ({ facilityId: r.facility_id, score: run.evaluations.get(r.facility_id)!.score?.value ?? null })));
  let orphans = 0;
  for (const r of rows) if (r.attach_method === 'orphan') orphans++;
  const counts = { facilities: rows.length, ranked: ranks.size, orphans, write: mode, rowsChanged: 0 };
  await db.transaction(async (tx) => {
    if (mode === 'update') {
      const [{ n }] = (await runSql<{ n: number }>(tx, resultRowsSql)) as [{ n: number }];
      if (n === rows.length) {
        counts.rowsChanged = await updateResults(tx, rows, run.evaluations, ranks);
        progress?.('costs', rows.length, rows.length);
        return;
      }
      counts.write = 'rewrite'; // facilities came or went without a re-measure (an interrupted run): write all
    }
    await tx.exec('TRUNCATE plan_result');
    await tx.exec(indexesDrop.text);
    for (let i = 0; i < rows.length; i += 20000) {
      const cols: Record<string, unknown[]> = {};
      const put = (k: string, v: unknown) => (cols[k] ??= []).push(v);
      for (const r of rows.slice(i, i + 20000)) {
        const e = run.evaluations.get(r.facility_id)!;
        const c = e.choice;
        put('facility_id', r.facility_id); put('name', r.name); put('name_ru', r.name_ru); put('name_kk', r.name_kk);
        put('name_en', r.name_en); put('search_text', searchText(r)); put('kind', r.kind); put('subkind', r.subkind);
        put('settlement_id', r.settlement_id); put('settlement_name', r.settlement_name);
        put('admin1_id', r.admin1_id); put('admin2_id', r.admin2_id); put('gap_class', e.gapClass);
        put('technology', c?.technology ?? null); put('capex_usd', c?.capexUsd ?? null);
        put('opex_usd', c ? yearlyOf(e, c.technology) : null); put('tco_usd', c?.tcoUsd ?? null);
        put('tco_kzt', c?.tcoKzt ?? null); put('beneficiaries', e.beneficiaries);
        put('score', e.score?.value ?? null); put('rank', ranks.get(r.facility_id) ?? null);
        put('provenance', r.provenance); put('lon', r.lon); put('lat', r.lat);
        put('measured_state', r.measured_state); put('measured', r.measured); put('measured_flag', e.measuredFlag);
        put('settlement_type', e.settlementType); put('in_scope', e.inScope); put('underserved', e.underserved);
        put('standalone_tco_usd', c?.standaloneTcoUsd ?? null); put('share_group', c?.group?.id ?? null);
      }
      await runSql(tx, resultInsert, cols);
      progress?.('costs', Math.min(rows.length, i + 20000), rows.length);
    }
    await tx.exec(indexesCreate.text);
  });
  if (counts.write === 'rewrite') await db.exec('ANALYZE plan_result');
  return { counts, inputs: got as FacilityInputs };
}

/** One UPDATE for every facility (result-update.sql keeps the rows whose figures did not move); returns the rows changed. */
async function updateResults(tx: Queryable, rows: readonly InputRow[], evaluations: Map<string, Evaluation>, ranks: Map<string, number>): Promise<number> {
  const n = rows.length;
  const col = () => new Array<unknown>(n);
  const cols = {
    facility_id: col(), gap_class: col(), technology: col(), capex_usd: col(), opex_usd: col(), tco_usd: col(), tco_kzt: col(),
    beneficiaries: col(), score: col(), rank: col(), measured_state: col(), measured: col(), measured_flag: col(),
    in_scope: col(), underserved: col(), standalone_tco_usd: col(), share_group: col(),
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    const e = evaluations.get(r.facility_id)!;
    const c = e.choice;
    cols.facility_id[i] = r.facility_id; cols.gap_class[i] = e.gapClass; cols.technology[i] = c?.technology ?? null;
    cols.capex_usd[i] = c?.capexUsd ?? null; cols.opex_usd[i] = c ? yearlyOf(e, c.technology) : null;
    cols.tco_usd[i] = c?.tcoUsd ?? null; cols.tco_kzt[i] = c?.tcoKzt ?? null; cols.beneficiaries[i] = e.beneficiaries;
    cols.score[i] = e.score?.value ?? null; cols.rank[i] = ranks.get(r.facility_id) ?? null;
    cols.measured_state[i] = r.measured_state; cols.measured[i] = r.measured; cols.measured_flag[i] = e.measuredFlag;
    cols.in_scope[i] = e.inScope; cols.underserved[i] = e.underserved;
    cols.standalone_tco_usd[i] = c?.standaloneTcoUsd ?? null; cols.share_group[i] = c?.group?.id ?? null;
  }
  const [res] = await runSql<{ changed: number }>(tx, resultUpdate, cols);
  return res?.changed ?? 0;
}

/** Year 1's recurring cost of the chosen technology (its stand-alone option; shares split capex and TCO). */
function yearlyOf(e: Evaluation, technology: string): number | null {
  return e.options.find((o) => o.technology === technology)?.yearlyUsd ?? null;
}
