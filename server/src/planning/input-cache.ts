// The spatial measures of every facility (what the pure evaluation reads), kept in memory between
// runs: they change only when the gap engine re-measures (geometry, layers or spatial parameters)
// or monitoring's states change, so a cost-only re-rank, a scenario run, Monte Carlo and the
// sensitivity sweep read them once. The recompute, which changes them, reads fresh and re-keys.
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import type { FacilityInput } from './evaluate.ts';
import { fitInHeap } from './heap-share.ts';
import { inputPages, toFacilityInput, type InputRow } from './inputs.ts';
import { MEMO_MAX_FACILITIES } from './option-memo.ts';
import { sameValue } from './same-value.ts';

const keySql = loadSql(import.meta.url, './input-cache-key.sql');

/**
 * Heap one facility's kept figures take: its input row and evaluation input (≈ 2.2 KB, measured on
 * the bundled data) and its results as result-write.ts holds them (≈ 0.5–1 KB).
 */
const KEPT_BYTES_PER_FACILITY = 3_200;
/** Share of the heap limit that the kept inputs and results may fill (a run needs as much again while it works). */
const KEPT_HEAP_SHARE = 0.5;
/**
 * Up to this many facilities this process keeps every facility's inputs here, and its results in
 * result-write.ts, between runs: as many as fit in half its heap limit, at least 300,000. The default
 * heap (≈ 4 GB) keeps ≈ 680,000; a national or global plan gets the fast loop with a larger heap
 * (NODE_OPTIONS=--max-old-space-size=16384 keeps 2.6 M). Above it the cost stage reads in shares.
 */
export const KEPT_MAX_FACILITIES = fitInHeap(KEPT_HEAP_SHARE, KEPT_BYTES_PER_FACILITY, 300_000);

export type FacilityInputs = { rows: InputRow[]; inputs: FacilityInput[] };

const cache = new WeakMap<Queryable, FacilityInputs & { key: string }>();

async function keyOf(db: Queryable): Promise<string | null> {
  const [row] = await runSql<{ key: string }>(db, keySql);
  return row?.key ?? null;
}

/** Every facility's inputs, or those of share `part` of `parts` (whole settlements), read now. */
export async function readInputs(db: Queryable, share: { part: number; parts: number } | null = null): Promise<FacilityInputs> {
  const rows: InputRow[] = [];
  for await (const page of inputPages(db, undefined, share)) for (const r of page) rows.push(r);
  return { rows, inputs: rows.map(toFacilityInput) };
}

/**
 * Every facility's inputs, from memory when plan_state says nothing was re-measured since they were
 * read. `fresh`: read them from the database whatever the cache holds (the caller has just changed
 * them, before plan_state says so) and keep nothing until `remember`; `anew` (an explicit rebuild,
 * the tests' reference): every input a new object, so nothing remembered of the old ones is reused.
 */
export async function facilityInputs(db: Queryable, opts: { fresh?: boolean; anew?: boolean } = {}): Promise<FacilityInputs> {
  if (opts.fresh) {
    const was = cache.get(db);
    cache.delete(db);
    // Above the memo's size the old inputs are let go before reading: they would only cost memory.
    if (!was || opts.anew || was.rows.length > MEMO_MAX_FACILITIES) return readInputs(db);
    const got = await readInputs(db);
    return got.rows.length > MEMO_MAX_FACILITIES ? got : keepUnchanged(got, was);
  }
  const key = await keyOf(db);
  const hit = cache.get(db);
  if (key !== null && hit && hit.key === key) return hit;
  const got = await readInputs(db);
  if (key !== null && got.rows.length <= KEPT_MAX_FACILITIES) cache.set(db, { ...got, key });
  return got;
}

/** Keeps inputs read with `fresh` under the key plan_state gives them now (after the caller wrote it). */
export async function rememberInputs(db: Queryable, got: FacilityInputs): Promise<void> {
  const key = await keyOf(db);
  if (key !== null && got.rows.length <= KEPT_MAX_FACILITIES) cache.set(db, { ...got, key });
}

/**
 * `got` with each facility whose row reads exactly as before given its old row and input objects:
 * the option memo and the settlement choices (option-memo.ts) are keyed by those objects, so a
 * re-measure that changed few facilities (a spatial parameter, a layer imported again unchanged)
 * evaluates the others warm. Memoisation only: an equal row makes an equal input.
 */
function keepUnchanged(got: FacilityInputs, was: FacilityInputs): FacilityInputs {
  const at = new Map<string, number>();
  was.rows.forEach((r, i) => at.set(r.facility_id, i));
  for (let i = 0; i < got.rows.length; i++) {
    const row = got.rows[i]!;
    const j = at.get(row.facility_id);
    if (j === undefined) continue;
    const old = was.rows[j]!;
    let equal = true;
    for (const k in row) {
      if (!sameValue(row[k as keyof InputRow], old[k as keyof InputRow])) { equal = false; break; }
    }
    if (equal) { // the same statement read both: the same columns
      got.rows[i] = old;
      got.inputs[i] = was.inputs[j]!;
    }
  }
  return got;
}
