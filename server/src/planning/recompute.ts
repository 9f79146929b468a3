// Recompute: measures only where inputs changed, then costs, scores and ranks for all facilities.
// - spatial parameters or any spatial layer changed → re-measure everything;
// - otherwise only facilities whose row changed (or are new) are re-measured;
// - the cost stage (pure TS, cheap) always runs unless nothing at all changed; a change in what
//   monitoring measured (facility_measured_state) reruns it alone, not the measures.
import type { Database, Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { evaluateFacilities, type Evaluation } from './evaluate.ts';
import { allInputs, toFacilityInput, type InputRow } from './inputs.ts';
import { measureFacilities, measureSettlements, type Progress } from './measures.ts';
import { canonicalJson, parameterHash, spatialHash, type Parameters } from './parameters.ts';
import { rankByScore } from './rank.ts';
import { foldForSearch } from './search-fold.ts';

const inputVersionsSql = loadSql(import.meta.url, './input-versions.sql');
const measuredStateVersion = loadSql(import.meta.url, './measured-state-version.sql');
const changedFacilities = loadSql(import.meta.url, './changed-facilities.sql');
const resultInsert = loadSql(import.meta.url, './result-insert.sql');
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

/** Names as written (lower case) and folded (search-fold.ts), so every spelling of a place finds it. */
const searchText = (r: InputRow) => {
  const names = [r.name, r.name_ru, r.name_kk, r.name_en, r.settlement_name].filter((x): x is string => !!x);
  return [...names, r.facility_id].join(' | ').toLowerCase() + ' | ' + names.map(foldForSearch).join(' | ');
};

/**
 * Evaluates every facility in memory (the choice is per settlement, so a settlement's facilities
 * must be seen together), ranks, and writes the results page by page with their ranks.
 */
async function computeResults(db: Database, p: Parameters, ph: string, progress?: Progress) {
  let orphans = 0;
  let ranked = 0;
  let facilities = 0;
  await db.transaction(async (tx) => {
    const rows = await allInputs(tx);
    facilities = rows.length;
    progress?.('costs', 0, rows.length);
    const run = evaluateFacilities(rows.map(toFacilityInput), p);
    const ranks = rankByScore(rows.map((r) => ({ facilityId: r.facility_id, score: run.evaluations.get(r.facility_id)!.score?.value ?? null })));
    ranked = ranks.size;
    await tx.exec('TRUNCATE plan_result');
    await tx.exec(indexesDrop.text);
    for (let i = 0; i < rows.length; i += 20000) {
      const cols: Record<string, unknown[]> = {};
      const put = (k: string, v: unknown) => (cols[k] ??= []).push(v);
      for (const r of rows.slice(i, i + 20000)) {
        const e = run.evaluations.get(r.facility_id)!;
        if (r.attach_method === 'orphan') orphans++;
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
      await runSql(tx, resultInsert, { ...cols, parameter_hash: ph });
      progress?.('costs', Math.min(rows.length, i + 20000), rows.length);
    }
    await tx.exec(indexesCreate.text);
  });
  await db.exec('ANALYZE plan_result');
  return { facilities, ranked, orphans };
}

/** Year 1's recurring cost of the chosen technology (its stand-alone option; shares split capex and TCO). */
function yearlyOf(e: Evaluation, technology: string): number | null {
  return e.options.find((o) => o.technology === technology)?.yearlyUsd ?? null;
}
