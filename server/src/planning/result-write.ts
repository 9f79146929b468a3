// Writes a recompute's results into plan_result, sending only the rows that differ from what it holds.
// The process keeps a copy of what it last wrote (or read back), trusted only under the stamp that
// every statement writing plan_result moves (migration 018): another process, a restore or a hand
// edit makes it read the table again, so the copy can never stand for contents that are not there.
import { arrayText } from '../db/array-text.ts';
import { copyRows, pointEwkb } from '../db/copy-text.ts';
import type { Database, Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { fillSql, loadSqlTemplate, trusted } from '../db/sql-template.ts';
import { KEPT_MAX_FACILITIES } from './input-cache.ts';
import { timePhase, type PhaseTimes, type Progress } from './measures.ts';
import { sameValue } from './same-value.ts';
import { foldForSearch } from './search-fold.ts';

const rowsGiven = trusted(loadSqlTemplate(import.meta.url, './result-rows-given.sql').source);
const resultCopy = loadSql(import.meta.url, './result-copy.sql');
const resultUpdate = loadSql(import.meta.url, './result-update.sql');
const rowsUpdate = fillSql(loadSqlTemplate(import.meta.url, './result-update-rows.sql'), { given: rowsGiven });
const rankClear = loadSql(import.meta.url, './result-rank-clear.sql');
const rankCopy = loadSql(import.meta.url, './result-rank-copy.sql');
const rankKey = loadSql(import.meta.url, './result-rank-key.sql');
const byKeySql = loadSql(import.meta.url, './result-update-by-key.sql');
const byKeyEndSql = loadSql(import.meta.url, './result-update-by-key-end.sql');
const resultRowsSql = loadSql(import.meta.url, './result-rows.sql');
const storedSql = loadSql(import.meta.url, './result-stored.sql');
const lockSql = loadSql(import.meta.url, './result-write-lock.sql');
const stampSql = loadSql(import.meta.url, './result-write-stamp.sql');
const indexesDrop = loadSql(import.meta.url, './result-indexes-drop.sql');
const indexesCreate = loadSql(import.meta.url, './result-indexes-create.sql');

/** One array per column of result-rows-given.sql, one element per facility. */
export type Columns = Record<string, unknown[]>;

/** What a cost-only re-rank writes (result-update.sql and the ranks); the rest stays as the measures left it. */
const FIGURES = ['gap_class', 'technology', 'capex_usd', 'opex_usd', 'tco_usd', 'tco_kzt', 'beneficiaries', 'score', 'rank',
  'measured_state', 'measured', 'measured_flag', 'in_scope', 'underserved', 'standalone_tco_usd', 'share_group'] as const;
/** The figures plan_result's row holds: all but the rank, which plan_rank holds (migration 042, writeRanks). */
const ROW_FIGURES = FIGURES.filter((k) => k !== 'rank');
/** What else a row holds: the facility, its settlement and place, and the settlement's type. */
const PLACE = ['name', 'name_ru', 'name_kk', 'name_en', 'search_text', 'kind', 'subkind', 'settlement_id', 'settlement_name',
  'admin1_id', 'admin2_id', 'provenance', 'lon', 'lat', 'settlement_type'] as const;
/** What search_text is made of (with the facility id). */
const NAMES = ['name', 'name_ru', 'name_kk', 'name_en', 'settlement_name'] as const;

/**
 * Above this share of changed rows a rewrite (TRUNCATE, COPY, indexes rebuilt, ANALYZE) is cheaper
 * than updating them in place with their index entries.
 */
const UPDATE_MAX_SHARE = 0.5;
/**
 * Rows per COPY of a rewrite (≈ 4 MB of text at 850 bytes a row). From a thread of its own (the write
 * thread, the embedded database thread) a slice is sent while this thread makes the next (inTurn);
 * on the pool (PostgreSQL under resultWriteThread.minRows) its data leaves only once this thread is
 * free again, so there the two take turns. More statements cost ≈ 1 ms each.
 */
const COPY_SLICE = 5_000;
/** plan_result's columns in result-copy.sql's order, each with how its field is made from a result's columns. */
const COPY_COLUMNS = /COPY\s+plan_result\s*\(([^)]*)\)/.exec(resultCopy.text)![1]!.split(',').map((c) => c.trim());
const UPDATE_SLICE = 50_000;
/**
 * `readBack`: up to this many rows a copy is read back from the table (result-stored.sql: one JSON
 * string of ≈ 400 characters a row with the place columns; a string far larger would not fit in V8's).
 * Tests lower it to see the path of a national table on a small one.
 */
export const resultCopyLimits = { readBack: 300_000 };
/**
 * From this many facilities the write's statements are sent from a thread of its own (PostgreSQL,
 * db/server-thread.ts): beside a national heap of inputs, the Buffers of a write this size made the
 * main thread mark the heap without pause. Below it a thread's start (≈ 0.1–0.3 s) would cost more
 * than it saves. Tests lower it to see that path on a small table.
 */
export const resultWriteThread = { minRows: 100_000 };

/**
 * plan_result as this process last wrote or read it; `place`: its PLACE columns too (a cost-only
 * re-rank reads back the figures only); `own`: search_text made by this code, not read back.
 */
type Stored = { stamp: string; cols: Columns; at: Map<string, number>; place: boolean; own: boolean; placed?: Placed };
/** positions() of an id column in this copy, kept: a re-rank brings the same ids in the same order (2.2 M lookups, ≈ 1 s). */
type Placed = { ids: readonly unknown[]; at: Int32Array };
const stored = new WeakMap<Queryable, Stored>();

/** Names as written (lower case) and folded (search-fold.ts), so every spelling of a place finds it. */
function searchText(cols: Columns, i: number): string {
  const names = NAMES.map((k) => cols[k]![i] as string | null).filter((x): x is string => !!x);
  return [...names, cols.facility_id![i] as string].join(' | ').toLowerCase() + ' | ' + names.map(foldForSearch).join(' | ');
}

export type WriteReport = { write: 'rewrite' | 'update'; rowsChanged: number; analyze: boolean };

/**
 * Writes `cols` (mode 'update': the figures only, the measures unchanged; 'rewrite': every column but
 * search_text, made here for the rows that need it). `rebuild`: TRUNCATE and COPY every row, whatever
 * the table holds (an explicit full recompute). `alongside`: statements that must commit with the
 * results or not at all (recompute's plan_state save), run last in the same transaction. Returns null,
 * having run neither, when an update finds other facilities than it has figures for (the caller then
 * builds every column and writes again). `inTurn` (an update only): the figures are evaluated inside
 * the write, the rows whose figures moved sent while the next are evaluated (FiguresInTurn).
 */
export async function writeResults(db: Database, cols: Columns, mode: 'rewrite' | 'update', opts: { rebuild?: boolean; progress?: Progress; phases?: PhaseTimes; alongside?: (tx: Queryable) => Promise<unknown>; inTurn?: FiguresInTurn } = {}): Promise<WriteReport | null> {
  if (opts.inTurn && mode !== 'update') throw new Error('figures are written as they are evaluated only by a cost-only update');
  const ids = cols.facility_id as string[];
  const keep = ids.length <= KEPT_MAX_FACILITIES;
  const readable = ids.length <= resultCopyLimits.readBack;
  const mine = stored.get(db); // none for a rebuild: recompute let it go before building the columns
  stored.delete(db); // until this write has committed, the copy stands for nothing
  let next: Stored | null = null;
  const inTransaction = <T>(fn: (tx: Queryable) => Promise<T>) =>
    ids.length >= resultWriteThread.minRows && db.transactionOnThread ? db.transactionOnThread(fn) : db.transaction(fn);
  const report = await inTransaction(async (tx): Promise<WriteReport | null> => {
    // A durable commit (no `synchronous_commit = off`): recompute saves plan_state in this transaction
    // (`alongside`), and the state must survive a crash. It replaces the separate state save's flush:
    // one durable commit per run, as before, and no window where one of the two is committed alone.
    // The copy read back (result-stored.sql) must hold the very doubles in the table: a server, role or
    // PGOPTIONS with extra_float_digits <= 0 prints 15 digits, and a change past them would go unsent.
    await tx.exec('SET LOCAL extra_float_digits = 3');
    // A rewrite needs the whole table (TRUNCATE, DROP INDEX): taken before the stamp row, as every other
    // writer takes them (its statement locks the table, then its trigger the stamp), or the two deadlock.
    // Not for an update: row locks do not conflict with a writer's, and it would block autovacuum.
    if (mode === 'rewrite') await tx.exec('LOCK TABLE plan_result IN EXCLUSIVE MODE');
    // The ranks are written whole (TRUNCATE, which waits for every lock): their table's writers and row
    // lockers are kept out before the stamp too, for the same reason. Readers are not (EXCLUSIVE mode
    // lets them in); they wait only while the ranks are written anew, at the end of the write.
    await tx.exec('LOCK TABLE plan_rank IN EXCLUSIVE MODE');
    const [{ stamp }] = (await runSql<{ stamp: string }>(tx, lockSql)) as [{ stamp: string }];
    let before = mine?.stamp === stamp ? mine : null;
    // A rewrite compares the place columns too: a copy of the figures alone cannot stand for them.
    if (before && mode === 'rewrite' && !before.place) before = null;
    if (!before && readable && !opts.rebuild) before = await readStored(tx, stamp, mode === 'rewrite');
    // Where each row is in the copy, when the copy holds exactly these facilities (one lookup per row, used throughout).
    const heldAt = before ? positions(cols, before) : null;
    const held = heldAt !== null;
    let out: WriteReport;
    if (mode === 'update') {
      // Other facilities than there are figures for: they came or went without a re-measure (an
      // interrupted run). Without a copy to compare with (too many rows to read back) every row is
      // sent and the statement skips the unchanged; kept after, so the next run sends only changes.
      if (!held && (readable || !(await holdsExactly(tx, ids)))) return null;
      const fill: FiguresInTurn = opts.inTurn ?? ((flush) => flush(ids.map((_, i) => i)));
      out = await updateInTurn(tx, cols, held ? { before: before!, at: heldAt } : null, fill, opts.phases);
      if (held) next = before;
      else if (keep) next = copyOf(cols, false);
    } else {
      const at = held && !opts.rebuild ? heldAt : null;
      const placed = at ? withSearchText(cols, before!, at) : null;
      const diff = at ? differences(cols, before!, [...FIGURES, ...PLACE], at) : null;
      const wide = diff ? rowsWhere(diff, (d) => d >= 2) : null;
      if (diff && wide && wide.length <= UPDATE_MAX_SHARE * ids.length) {
        const a = await sendRows(tx, rowsUpdate, cols, wide, [...ROW_FIGURES, ...PLACE]);
        const b = await writeRanks(tx, cols, diff);
        out = { write: 'update', rowsChanged: a.rowsChanged + b, analyze: false };
        patch(before!, cols, rowsWhere(diff, (d) => d !== 0), [...FIGURES, ...PLACE], at!);
        before!.own = true;
        next = before;
      } else {
        out = await rewrite(tx, cols, !placed, opts.progress, opts.phases);
        if (keep) next = copyOf(cols, true);
      }
    }
    if (next) next.stamp = ((await runSql<{ stamp: string }>(tx, stampSql)) as [{ stamp: string }])[0].stamp;
    await opts.alongside?.(tx);
    return out;
  });
  if (report && next) stored.set(db, next);
  return report;
}

/**
 * `cols`, just written whole, as the copy of the table (its stamp set once written): each row where it
 * is, so the next re-rank with the same ids in the same order finds them without a lookup
 * (positions()). `place`: the place columns are in it too (a rewrite) and search_text was made here.
 */
function copyOf(cols: Columns, place: boolean): Stored {
  const ids = cols.facility_id as string[];
  const at = new Int32Array(ids.length);
  for (let i = 0; i < at.length; i++) at[i] = i;
  return { stamp: '', cols, at: new Map(ids.map((id, i) => [id, i])), place, own: place, placed: { ids, at } };
}

/**
 * Lets go of the copy of plan_result this process holds for `db` (a rebuild compares with nothing: at
 * national scale the copy is gigabytes that would stay alive beside the new columns).
 */
export function forgetResultCopy(db: Queryable): void {
  stored.delete(db);
}

/**
 * Reads plan_result back as columns (when this process has no copy under the current stamp); null
 * when the table holds more rows than are read back (its facilities may be far fewer than its rows).
 */
async function readStored(tx: Queryable, stamp: string, place: boolean): Promise<Stored | null> {
  const [{ n }] = (await runSql<{ n: number }>(tx, resultRowsSql, { ids: null })) as [{ n: number }];
  if (n > resultCopyLimits.readBack) return null;
  const [{ rows }] = (await runSql<{ rows: string }>(tx, storedSql, { place })) as [{ rows: string }];
  const list = JSON.parse(rows) as unknown[][];
  if (list.length > resultCopyLimits.readBack) return null;
  const cols: Columns = {};
  ['facility_id', ...FIGURES].forEach((k, c) => (cols[k] = list.map((r) => r[c])));
  if (place) PLACE.forEach((k, c) => (cols[k] = list.map((r) => (r[FIGURES.length + 1] as unknown[])[c])));
  return { stamp, cols, at: new Map(list.map((r, i) => [r[0] as string, i])), place, own: false };
}

/**
 * Row of `before` holding each row of `cols`; null unless `before` holds exactly these facilities (ids
 * are unique). Kept on `before` for the next call with the same ids in the same order (`before.at`
 * never changes, and no caller writes into the positions).
 */
function positions(cols: Columns, before: Stored): Int32Array | null {
  const ids = cols.facility_id as string[];
  if (before.at.size !== ids.length) return null;
  const kept = before.placed;
  if (kept && sameIds(kept.ids, ids)) return kept.at;
  const at = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const j = before.at.get(ids[i]!);
    if (j === undefined) return null;
    at[i] = j;
  }
  before.placed = { ids, at };
  return at;
}

/** The same ids in the same order (the very strings, mostly: compared in place). */
function sameIds(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Per row of `cols`: 1 if its rank differs from `before`, 2 if any other of `keys` does (both: 3). */
function differences(cols: Columns, before: Stored, keys: readonly string[], at: Int32Array): Uint8Array {
  const diff = new Uint8Array(at.length);
  for (const k of keys) {
    const now = cols[k]!, was = before.cols[k]!, bit = k === 'rank' ? 1 : 2;
    for (let i = 0; i < at.length; i++) if (!sameValue(now[i], was[at[i]!])) diff[i]! |= bit;
  }
  return diff;
}

const rowsWhere = (diff: Uint8Array, test: (d: number) => boolean) => {
  const rows: number[] = [];
  for (let i = 0; i < diff.length; i++) if (test(diff[i]!)) rows.push(i);
  return rows;
};

/** search_text for every row: the held one where the names are the same and it was made by this code. */
function withSearchText(cols: Columns, before: Stored, at: Int32Array): true {
  const renamed = before.own ? differences(cols, before, NAMES, at) : new Uint8Array(at.length).fill(2);
  const was = before.cols.search_text!;
  cols.search_text = Array.from(at, (j, i) => (renamed[i] ? searchText(cols, i) : was[j]));
  return true;
}

/**
 * A cost-only update's figures, evaluated inside the write (recompute.ts): `fill` puts every row's
 * figures into the result columns and, last, the ranks (cols.rank), and calls `flush(rows)` with the
 * rows (indices) it has finished. Those whose figures moved are written while it evaluates the next
 * (the database on one core, the evaluation on the other): flush never waits for the database, it
 * queues the rows and lets this thread's events run (a statement that has ended, a worker's slice),
 * so the next statement goes out as soon as the one before has ended (the transaction is one
 * session: one statement at a time).
 */
export type FiguresInTurn = (flush: (rows: readonly number[]) => Promise<void>) => Promise<void>;

/** Lets this thread's pending events run (a statement's answer, a worker's message) before going on. */
const letEventsRun = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Cost-only: the rows whose figures changed (from `before`, the copy of the table; without one every
 * row, the statement skipping the unchanged), as `fill` finishes them, and the ranks written whole if
 * any moved.
 */
async function updateInTurn(tx: Queryable, cols: Columns, copy: { before: Stored; at: Int32Array } | null, fill: FiguresInTurn, phases?: PhaseTimes): Promise<WriteReport> {
  const ids = cols.facility_id as string[];
  const before = copy?.before ?? null, at = copy?.at ?? null;
  /** Per row: 2 once its figures were queued to be sent (differences()' bit), 1 added below if its rank moved. */
  const diff = new Uint8Array(ids.length);
  let rowsChanged = 0;
  let comparingMs = 0;
  /** Rows whose figures wait to be sent; the statement on its way (it never rejects: `failure` holds why). */
  let queued: number[] = [];
  let sending: Promise<void> | null = null;
  let failure: { error: unknown } | null = null;
  /** The join settings the keyed updates replace (result-update-by-key.sql), once the first is sent. */
  let joins: Promise<{ hashjoin: string; mergejoin: string }> | null = null;
  const send = () => {
    if (sending || failure || queued.length === 0) return;
    const part = queued.length > UPDATE_SLICE ? queued.splice(0, UPDATE_SLICE) : queued;
    if (part === queued) queued = [];
    const params = { checked: at !== null, ...Object.fromEntries(['facility_id', ...ROW_FIGURES].map((k) => [k, asText(part.map((i) => cols[k]![i]))])) };
    joins ??= runSql<{ hashjoin: string; mergejoin: string }>(tx, byKeySql).then(([was]) => was!);
    sending = joins.then(() => runSql<{ changed?: number }>(tx, resultUpdate, params)).then(
      ([res]) => {
        rowsChanged += res?.changed ?? part.length;
        sending = null;
        send();
      },
      (error: unknown) => {
        failure = { error };
        sending = null;
      },
    );
  };
  /** Until every queued row is written (or a statement failed: thrown). */
  const drained = async () => {
    for (;;) {
      if (sending) await sending;
      else if (failure) throw failure.error;
      else if (queued.length > 0) send();
      else return;
    }
  };
  /** The write's own time inside the evaluation: comparing, making statements, letting their answers in. */
  let flushingMs = 0;
  const flush = async (rows: readonly number[]) => {
    // A statement failed (the transaction is aborted): the evaluation stops here.
    if (failure) throw failure.error;
    const t = performance.now();
    const moved = at ? rowsWithOtherFigures(cols, before!, at, rows) : rows;
    for (const i of moved) {
      diff[i] = 2;
      queued.push(i);
    }
    comparingMs += performance.now() - t;
    send();
    await letEventsRun();
    flushingMs += performance.now() - t;
  };
  try {
    await fill(flush);
  } catch (err) {
    // The statement on its way ends before the failure is passed on (the transaction then rolls back).
    if (sending) await sending;
    throw err;
  }
  await timePhase(phases, 'writeFigures', drained);
  // writeFigures: the figures' share of the write, sent during the evaluation or after it (comparing apart).
  if (phases) phases.writeFigures = Math.round((phases.writeFigures ?? 0) + flushingMs - comparingMs);
  if (phases) phases.writeCompare = Math.round((phases.writeCompare ?? 0) + comparingMs);
  const replaced = joins as Promise<{ hashjoin: string; mergejoin: string }> | null; // set by send(), which TypeScript does not follow
  if (replaced) {
    const was = await replaced;
    await runSql(tx, byKeyEndSql, { hashjoin: was.hashjoin, mergejoin: was.mergejoin });
  }
  if (!at) {
    await timePhase(phases, 'writeRanks', () => writeRanks(tx, cols));
    return { write: 'update', rowsChanged, analyze: false };
  }
  const rank = cols.rank!, wasRank = before!.cols.rank!;
  for (let i = 0; i < ids.length; i++) if (!sameValue(rank[i], wasRank[at[i]!])) diff[i]! |= 1;
  const movedOnly = await timePhase(phases, 'writeRanks', () => writeRanks(tx, cols, diff));
  patch(before!, cols, rowsWhere(diff, (d) => d !== 0), FIGURES, at);
  return { write: 'update', rowsChanged: rowsChanged + movedOnly, analyze: false };
}

/** Of `rows`, those whose figures (ROW_FIGURES) differ from the copy's row (`at`: where each row is in it). */
function rowsWithOtherFigures(cols: Columns, before: Stored, at: Int32Array, rows: readonly number[]): number[] {
  const now = ROW_FIGURES.map((k) => cols[k]!), was = ROW_FIGURES.map((k) => before.cols[k]!);
  const out: number[] = [];
  for (const i of rows) {
    const j = at[i]!;
    for (let k = 0; k < now.length; k++) {
      if (!sameValue(now[k]![i], was[k]![j])) {
        out.push(i);
        break;
      }
    }
  }
  return out;
}

/** Rows of plan_rank per COPY (≈ 30 bytes a row). */
const RANK_SLICE = 100_000;

/**
 * Writes every ranked facility's rank anew into plan_rank (migration 042) when `diff` (differences())
 * says any rank moved, or always without one (a rewrite, an update with no copy to compare with).
 * Returns the rows whose rank alone moved (none known without `diff`).
 */
async function writeRanks(tx: Queryable, cols: Columns, diff?: Uint8Array): Promise<number> {
  const movedOnly = diff ? rowsWhere(diff, (d) => d === 1).length : 0;
  if (diff && !diff.some((d) => (d & 1) === 1)) return 0;
  const ids = cols.facility_id as string[], ranks = cols.rank as Array<number | null>;
  const ranked: number[] = [];
  for (let i = 0; i < ids.length; i++) if (ranks[i] !== null && ranks[i] !== undefined) ranked.push(i);
  await tx.exec(rankClear.text);
  const names = ['facility_id', 'rank'];
  await inTurn(Math.ceil(ranked.length / RANK_SLICE), (s) => {
    const part = ranked.slice(s * RANK_SLICE, (s + 1) * RANK_SLICE);
    return { params: { rows: copyRows(names, [part.map((i) => ids[i]), part.map((i) => ranks[i])], part.length) }, rows: part.length };
  }, async ({ params }) => {
    await tx.copyFrom(rankCopy.text, params.rows as Uint8Array<ArrayBuffer>);
  });
  await tx.exec(rankKey.text);
  return movedOnly;
}

/**
 * Cost-only without a copy to compare with (more rows than are read back, none held): whether the
 * table holds exactly these facilities (a hash join with every id sent: a second or two at 2.2 M, on
 * the path that then sends every row).
 */
async function holdsExactly(tx: Queryable, ids: readonly string[]): Promise<boolean> {
  const [{ n, matched }] = (await runSql<{ n: number; matched: number }>(tx, resultRowsSql, { ids })) as [{ n: number; matched: number }];
  return n === ids.length && matched === n;
}

/**
 * Sends rows `rows` of `cols` (columns `keys` and the id) to an update statement, in slices, each row
 * found by its primary key (result-update-by-key.sql).
 */
async function sendRows(tx: Queryable, sql: typeof resultUpdate, cols: Columns, rows: number[], keys: readonly string[], extra: Record<string, unknown> = {}): Promise<WriteReport> {
  let rowsChanged = 0;
  if (rows.length === 0) return { write: 'update', rowsChanged, analyze: false };
  const [was] = (await runSql<{ hashjoin: string; mergejoin: string }>(tx, byKeySql)) as [{ hashjoin: string; mergejoin: string }];
  await inTurn(Math.ceil(rows.length / UPDATE_SLICE), (s) => {
    const part = rows.slice(s * UPDATE_SLICE, (s + 1) * UPDATE_SLICE);
    const params = { ...extra, ...Object.fromEntries(['facility_id', ...keys].map((k) => [k, asText(part.map((i) => cols[k]![i]))])) };
    return { params, rows: part.length };
  }, async ({ params, rows: sent }) => {
    const [res] = await runSql<{ changed?: number }>(tx, sql, params);
    rowsChanged += res?.changed ?? sent;
  });
  await runSql(tx, byKeyEndSql, { hashjoin: was.hashjoin, mergejoin: was.mergejoin });
  return { write: 'update', rowsChanged, analyze: false };
}

type Slice = { params: Record<string, unknown>; rows: number };

/** Rows [from, to) of the result column that plan_result's column `column` is written from (result-copy.sql). */
function copyField(cols: Columns, column: string, from: number, to: number): ArrayLike<unknown> {
  if (column === 'geom') {
    const lon = cols.lon!, lat = cols.lat!;
    return Array.from({ length: to - from }, (_, i) => pointEwkb(lon[from + i] as number | null, lat[from + i] as number | null, 4326));
  }
  const source = cols[column === 'opex_usd_per_year' ? 'opex_usd' : column];
  if (!source) throw new Error(`the results have no column for plan_result.${column}`);
  return source.slice(from, to);
}

/**
 * Runs `count` slices one after the other, each slice's parameters made (`make`) while the server
 * works on the one before: the process and the database each on a core, instead of taking turns
 * (at 500,000 facilities the write's parameters took as long as the server's insert).
 */
async function inTurn(count: number, make: (slice: number) => Slice, send: (slice: Slice) => Promise<void>): Promise<void> {
  let next = count > 0 ? make(0) : null;
  for (let s = 0; s < count; s++) {
    const running = send(next!);
    running.catch(() => {}); // awaited just below; a failure while the next slice is made is not unhandled
    try {
      next = s + 1 < count ? make(s + 1) : null;
    } catch (err) {
      await running.catch(() => {}); // the transaction's statement ends before the error is passed on
      throw err;
    }
    await running;
  }
}

/** A column slice as the array's text (db/array-text.ts), made here so that it is made ahead (inTurn). */
const asText = (values: unknown[]): unknown => arrayText(values) ?? values;

/** Copies rows `rows` of `cols` into the held copy (after they were written), column by column; `at`: each row's place in it. */
function patch(before: Stored, cols: Columns, rows: number[], keys: readonly string[], at: Int32Array): void {
  for (const k of keys) {
    const from = cols[k]!, to = before.cols[k]!;
    for (let n = 0; n < rows.length; n++) to[at[rows[n]!]!] = from[rows[n]!];
  }
}

/**
 * Every row anew: indexes dropped and built once after, far cheaper than maintaining them row by row.
 * `named`: search_text is made here, slice by slice (into `cols`, which may be kept as the copy).
 */
async function rewrite(tx: Queryable, cols: Columns, named: boolean, progress?: Progress, phases?: PhaseTimes): Promise<WriteReport> {
  const ids = cols.facility_id as string[];
  if (named) cols.search_text = new Array<string>(ids.length);
  await tx.exec('TRUNCATE plan_result');
  await tx.exec(indexesDrop.text);
  let written = 0;
  // Sub-phases of writeResults (benchmarks see where a national rewrite's time goes).
  await timePhase(phases, 'writeRows', () => inTurn(Math.ceil(ids.length / COPY_SLICE), (s) => {
    const from = s * COPY_SLICE, to = Math.min(ids.length, from + COPY_SLICE);
    if (named) for (let i = from; i < to; i++) cols.search_text![i] = searchText(cols, i);
    return { params: { rows: copyRows(COPY_COLUMNS, COPY_COLUMNS.map((c) => copyField(cols, c, from, to)), to - from) }, rows: to - from };
  }, async ({ params, rows }) => {
    await tx.copyFrom(resultCopy.text, params.rows as Uint8Array<ArrayBuffer>);
    progress?.('costs', (written += rows), ids.length);
  }));
  await timePhase(phases, 'writeIndexes', () => tx.exec(indexesCreate.text));
  await timePhase(phases, 'writeRanks', () => writeRanks(tx, cols));
  return { write: 'rewrite', rowsChanged: 0, analyze: true };
}
