// Recompute: measures only where inputs changed, then costs, scores and ranks for all facilities.
// - spatial parameters or any spatial layer changed → re-measure everything;
// - otherwise only facilities whose row changed (or are new) are re-measured;
// - the cost stage (pure TS, cheap) always runs unless nothing at all changed; a change in what
//   monitoring measured (facility_measured_state) reruns it alone, not the measures.
import type { Database, Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { evaluateFacility } from './evaluate.ts';
import { inputPages, toFacilityInput, type InputRow } from './inputs.ts';
import { measureFacilities, measureSettlements, type Progress } from './measures.ts';
import { canonicalJson, parameterHash, spatialHash, type Parameters } from './parameters.ts';
import { rankByScore } from './rank.ts';

const inputVersionsSql = loadSql(import.meta.url, './input-versions.sql');
const measuredStateVersion = loadSql(import.meta.url, './measured-state-version.sql');
const changedFacilities = loadSql(import.meta.url, './changed-facilities.sql');
const resultInsert = loadSql(import.meta.url, './result-insert.sql');
const rankUpdate = loadSql(import.meta.url, './rank-update.sql');
const indexesDrop = loadSql(import.meta.url, './result-indexes-drop.sql');
const indexesCreate = loadSql(import.meta.url, './result-indexes-create.sql');

export type RecomputeReport = {
  durationMs: number;
  facilities: number;
  measured: number;
  removed: number;
  spatial: 'full' | 'incremental' | 'unchanged';
  costs: 'recomputed' | 'unchanged';
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
  const [state] = await db.query<State>(
    'SELECT spatial_hash, input_versions::text AS input_versions, parameter_hash, measured_state_hash FROM plan_state WHERE id = 1',
  );
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
      const gone = await tx.query<{ facility_id: string }>(
        'DELETE FROM plan_measure m WHERE NOT EXISTS (SELECT 1 FROM facility f WHERE f.id = m.facility_id) RETURNING facility_id',
      );
      removed = gone.length;
      const changed = (await runSql<{ id: string }>(tx, changedFacilities)).map((r) => r.id);
      measured = await measureFacilities(tx, p, changed, opts.progress);
      spatial = measured + removed > 0 ? 'incremental' : 'unchanged';
    }
  });

  await db.query(
    `INSERT INTO plan_parameter_set (hash, params) VALUES ($1, $2::jsonb) ON CONFLICT (hash) DO NOTHING`,
    [ph, canonicalJson(p)],
  );
  const costsStale = spatial !== 'unchanged' || state?.parameter_hash !== ph || state?.measured_state_hash !== mh || !!opts.full;
  const counts = costsStale ? await computeResults(db, p, ph, opts.progress) : await resultCounts(db);
  await db.query(
    `INSERT INTO plan_state (id, spatial_hash, input_versions, parameter_hash, measured_state_hash, measured_at, computed_at)
     VALUES (1, $1, $2::jsonb, $3, $6, now(), now())
     ON CONFLICT (id) DO UPDATE SET spatial_hash = $1, input_versions = $2::jsonb, parameter_hash = $3, measured_state_hash = $6,
       measured_at = CASE WHEN $4 THEN now() ELSE plan_state.measured_at END,
       computed_at = CASE WHEN $5 THEN now() ELSE plan_state.computed_at END`,
    [sh, versions, ph, spatial !== 'unchanged', costsStale, mh],
  );
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
  const [r] = await db.query<{ facilities: number; ranked: number; orphans: number }>(
    `SELECT (SELECT count(*)::int FROM plan_result) AS facilities, (SELECT count(rank)::int FROM plan_result) AS ranked,
            (SELECT count(*)::int FROM plan_measure WHERE attach_method = 'orphan') AS orphans`,
  );
  return r!;
}

const searchText = (r: InputRow) =>
  [r.name, r.name_ru, r.name_kk, r.name_en, r.facility_id].filter(Boolean).join(' | ').toLowerCase();

/**
 * One pass over the inputs: evaluate and write each page (rank left empty), keeping only id and
 * score in memory; then rank in TS (rank.ts) and write the ranks. Memory stays small at millions.
 */
async function computeResults(db: Database, p: Parameters, ph: string, progress?: Progress) {
  const scores: Array<{ facilityId: string; score: number | null }> = [];
  let orphans = 0;
  let ranked = 0;
  await db.transaction(async (tx) => {
    await tx.exec('TRUNCATE plan_result');
    await tx.exec(indexesDrop.text);
    for await (const page of inputPages(tx)) {
      const cols: Record<string, unknown[]> = {};
      const put = (k: string, v: unknown) => (cols[k] ??= []).push(v);
      for (const r of page) {
        const e = evaluateFacility(toFacilityInput(r), p);
        if (r.attach_method === 'orphan') orphans++;
        const rec = e.plan?.recommendation;
        scores.push({ facilityId: r.facility_id, score: e.plan?.score.value ?? null });
        put('facility_id', r.facility_id); put('name', r.name); put('name_ru', r.name_ru); put('name_kk', r.name_kk);
        put('name_en', r.name_en); put('search_text', searchText(r)); put('kind', r.kind); put('subkind', r.subkind);
        put('settlement_id', r.settlement_id); put('settlement_name', r.settlement_name);
        put('admin1_id', r.admin1_id); put('admin2_id', r.admin2_id); put('gap_class', e.gapClass);
        put('technology', rec?.technology ?? null); put('capex_usd', rec?.capexUsd ?? null);
        put('opex_usd', rec?.opexUsdPerYear ?? null); put('tco_usd', rec?.tcoUsd ?? null);
        put('tco_kzt', e.plan?.tcoKzt ?? null); put('beneficiaries', e.beneficiaries);
        put('score', e.plan?.score.value ?? null); put('rank', null);
        put('provenance', r.provenance); put('lon', r.lon); put('lat', r.lat);
        put('measured_state', r.measured_state); put('measured', r.measured); put('measured_flag', e.measuredFlag);
      }
      await runSql(tx, resultInsert, { ...cols, parameter_hash: ph });
      progress?.('costs', scores.length, scores.length);
    }
    const ranks = rankByScore(scores);
    ranked = ranks.size;
    const ids = [...ranks.keys()];
    const values = [...ranks.values()];
    for (let i = 0; i < ids.length; i += 50000) {
      await runSql(tx, rankUpdate, { ids: ids.slice(i, i + 50000), ranks: values.slice(i, i + 50000) });
      progress?.('ranks', Math.min(ids.length, i + 50000), ids.length);
    }
    await tx.exec(indexesCreate.text);
  });
  await db.exec('ANALYZE plan_result');
  return { facilities: scores.length, ranked, orphans };
}
