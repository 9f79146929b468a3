// The spatial measures of every facility (what the pure evaluation reads), kept in memory between
// runs: they change only when the gap engine re-measures (geometry, layers or spatial parameters)
// or monitoring's states change, so a cost-only re-rank, a scenario run, Monte Carlo and the
// sensitivity sweep read them once. The recompute, which changes them, reads fresh and re-keys.
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import type { FacilityInput } from './evaluate.ts';
import { fitInHeap } from './heap-share.ts';
import { inputPages, toFacilityInput, type InputRow } from './inputs.ts';

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
 * them, before plan_state says so) and keep nothing until `rememberInputs`. Every input is a new
 * object: until session 23 unchanged ones were kept for the evaluation's option memo, which is gone.
 */
export async function facilityInputs(db: Queryable, opts: { fresh?: boolean } = {}): Promise<FacilityInputs> {
  if (opts.fresh) {
    cache.delete(db);
    return readInputs(db);
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
