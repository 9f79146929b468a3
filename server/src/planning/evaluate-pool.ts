// The cost-only evaluation on worker threads (both cores): the facilities split into shares that
// keep each settlement whole (the choice and the population credit are per settlement), one share
// per thread (off the main thread, the caller's included). A worker keeps its share between runs (sent again only when it is handed another share:
// the inputs are another array, re-read or re-measured, or are split for another number of threads),
// so a run sends only parameters.
import os from 'node:os';
import { isMainThread, Worker } from 'node:worker_threads';
import type { FacilityInput } from './evaluate.ts';
import { emptyFigures, evaluateFigures, evaluateFiguresInTurn, FIGURE_COLUMNS, figureColumnsFor, type FigureColumns } from './evaluate-share.ts';
import { unpackInto, type PackedColumn } from './figure-transfer.ts';
import { EVALUATION_YOUNG_GENERATION_MB } from './heap-share.ts';
import type { Parameters } from './parameters.ts';

/**
 * Below this many facilities the evaluation stays on the caller's thread: on the bundled data (19,182)
 * two threads gave no wall-time gain on the shared 2-core machine (load 2.5–4: evaluation 0.52–0.85 s
 * on two workers vs 0.36–0.90 s on one; session 15, a worker and the caller, load 1.6–2.3: 194–325 ms
 * against 193–269 ms; `planning-rerank-profile.ts --threads N`; session 19, quiet, three rounds of
 * eight re-ranks each in turn: median 436 ms on one thread, 435 ms on two, whose first run took 2 s
 * while the worker started), and a worker holds its share twice.
 */
export const THREAD_MIN_FACILITIES = 50_000;
/** Threads used by default: the machine's cores, at most two (the database works between runs). */
export const defaultThreads = (): number => Math.min(2, os.availableParallelism());

type PackedFigures = Record<(typeof FIGURE_COLUMNS)[number], PackedColumn>;
/** A slice of a share handed over as it is evaluated (evaluateInThreadsInTurn): its rows (share indices) and their figures. */
type Slice = { rows: Uint32Array; figures: PackedFigures };
/** `figures`: the whole share's; `slice`: one slice, more to come; `done`: every slice sent. */
type Reply = { id: number; figures?: PackedFigures; slice?: Slice; done?: boolean; error?: string };
type Waiting = { resolve: (f: PackedFigures | null) => void; reject: (e: Error) => void; onSlice?: (s: Slice) => void };
/** `loaded`: the share array the thread holds (a split makes new arrays, so identity names inputs, thread count and range). */
type Slot = { worker: Worker; loaded: WeakRef<readonly FacilityInput[]> | null; waiting: Map<number, Waiting> };

const slots: Array<Slot | undefined> = [];
let nextId = 1;

function slotOf(i: number): Slot {
  const have = slots[i];
  if (have) return have;
  const worker = new Worker(new URL('./evaluate-worker.mjs', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: EVALUATION_YOUNG_GENERATION_MB } });
  const s: Slot = { worker, loaded: null, waiting: new Map() };
  const fail = (err: Error) => {
    if (slots[i] === s) slots[i] = undefined;
    for (const w of s.waiting.values()) w.reject(err);
    s.waiting.clear();
  };
  worker.on('message', (m: Reply) => {
    const w = s.waiting.get(m.id);
    if (m.slice && m.error === undefined) {
      w?.onSlice?.(m.slice);
      return;
    }
    s.waiting.delete(m.id);
    if (s.waiting.size === 0) worker.unref();
    if (m.error !== undefined || (!m.figures && !m.done)) {
      s.loaded = null;
      w?.reject(new Error(`while evaluating a share on a worker thread: ${m.error ?? 'no figures'}`));
    } else w?.resolve(m.figures ?? null);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the evaluation thread stopped (exit code ${code})`)));
  worker.unref(); // an idle pool never keeps the process alive; held only while a share is out
  slots[i] = s;
  return s;
}

type Split = { shares: FacilityInput[][]; index: number[][] };
const splits = new WeakMap<readonly FacilityInput[], Split>();

/** Settlements (a facility without one on its own) dealt out in turn: shares of about equal size. */
function split(inputs: readonly FacilityInput[], threads: number): Split {
  const known = splits.get(inputs);
  if (known && known.shares.length === threads) return known;
  const shareOf = new Map<string, number>();
  const out: Split = { shares: Array.from({ length: threads }, () => []), index: Array.from({ length: threads }, () => []) };
  let turn = 0;
  inputs.forEach((f, i) => {
    const key = f.settlementId === null ? `f:${f.facilityId}` : `s:${f.settlementId}`;
    let s = shareOf.get(key);
    if (s === undefined) shareOf.set(key, (s = turn++ % threads));
    out.shares[s]!.push(f);
    out.index[s]!.push(i);
  });
  splits.set(inputs, out);
  return out;
}

/**
 * Whether the calling thread evaluates a share itself. Off on the main thread: a page that finds the
 * costs stale re-ranks there (portfolio/plan-source.ts), and the server's requests must not wait on
 * a national share; the job thread and the CLI's workers then do all of it. The scale benchmark turns
 * it on: its main thread stands for the job thread.
 */
export const callerEvaluates = { onMainThread: false };

/**
 * Sends `share` (when the thread does not hold it already) and `p` to thread `i`: resolves with the
 * share's figures, or, with `every` (evaluateInThreadsInTurn), hands each slice to `onSlice` as the
 * thread finishes it and resolves with null once all are sent.
 */
function evaluateOnThread(i: number, share: FacilityInput[], p: Parameters, every?: number, onSlice?: (s: Slice) => void): Promise<PackedFigures | null> {
  const s = slotOf(i);
  // The share itself, not the inputs array: the same inputs split for another thread count give each
  // thread another share (review finding F4: the old one was kept and its figures landed in the new rows).
  // Held weakly: the share a thread keeps must not keep the caller's copy alive (a national share is large).
  const send = s.loaded?.deref() !== share;
  const id = nextId++;
  return new Promise<PackedFigures | null>((resolve, reject) => {
    s.waiting.set(id, { resolve, reject, onSlice });
    s.worker.ref();
    try {
      s.worker.postMessage({ id, parameters: p, inputs: send ? share : undefined, every });
      s.loaded = new WeakRef(share); // only once the thread has been sent it
    } catch (err) {
      // Not sent (parameters that cannot be copied): nothing is out, and the thread keeps what it held.
      s.waiting.delete(id);
      if (s.waiting.size === 0) s.worker.unref();
      throw err;
    }
  });
}

/**
 * evaluateInThreads into `out` (figureColumnsFor(inputs.length)), handing over the rows (input
 * indices) finished every `every` facilities of a share (whole settlements) as they come, from the
 * caller's share and the threads' alike: `done` is awaited before more are handed over (it lets this
 * thread's events run, so the threads' slices arrive meanwhile). Returns when every row has been
 * handed over.
 */
export async function evaluateInThreadsInTurn(inputs: readonly FacilityInput[], p: Parameters, threads: number, out: FigureColumns, every: number, done: (rows: number[]) => Promise<void>): Promise<void> {
  const { shares, index } = split(inputs, Math.max(1, threads));
  const own = !isMainThread || callerEvaluates.onMainThread ? shares.length - 1 : shares.length;
  let ready: number[] = [];
  let wake: (() => void) | null = null;
  const away = shares.slice(0, own).map((share, i) => evaluateOnThread(i, share, p, every, (slice) => {
    const at = Array.from(slice.rows, (r) => index[i]![r]!);
    for (const k of FIGURE_COLUMNS) unpackInto(out[k], slice.figures[k], at);
    for (const r of at) ready.push(r);
    wake?.();
  }));
  let settled: { error: unknown } | null = null;
  let awayDone = false;
  Promise.all(away).then(() => void (awayDone = true), (error: unknown) => void (settled = { error })).finally(() => wake?.());
  const take = () => {
    const rows = ready;
    ready = [];
    return rows;
  };
  if (own < shares.length) {
    const at = index[own]!;
    const mine = figureColumnsFor(shares[own]!.length);
    await evaluateFiguresInTurn(shares[own]!, p, mine, every, async (rows) => {
      for (const k of FIGURE_COLUMNS) {
        const from = mine[k], to = out[k];
        for (const j of rows) to[at[j]!] = from[j];
      }
      for (const j of rows) ready.push(at[j]!);
      await done(take());
    });
  }
  // The threads' slices as they arrive, until every thread has sent its last.
  for (;;) {
    if (ready.length > 0) await done(take());
    else if (settled) throw (settled as { error: unknown }).error;
    else if (awayDone) return;
    else await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
  }
}

/**
 * evaluateFigures(inputs, p) computed in `threads` settlement-whole shares; the same columns, in input
 * order. Off the main thread (callerEvaluates) the caller evaluates the last share itself while the
 * workers evaluate the others: no copy of that share in a worker's heap, none of its figures to send back.
 */
export async function evaluateInThreads(inputs: readonly FacilityInput[], p: Parameters, threads: number): Promise<FigureColumns> {
  const { shares, index } = split(inputs, Math.max(1, threads));
  const own = !isMainThread || callerEvaluates.onMainThread ? shares.length - 1 : shares.length;
  const away = shares.slice(0, own).map((share, i) => evaluateOnThread(i, share, p) as Promise<PackedFigures>);
  const all = Promise.all(away);
  all.catch(() => {}); // awaited below; a thread failing while this one evaluates is not unhandled
  const mine = own < shares.length ? evaluateFigures(shares[own]!, p) : null;
  const got = await all;
  const out = emptyFigures();
  for (const k of FIGURE_COLUMNS) out[k].length = inputs.length;
  if (mine) {
    const at = index[own]!;
    for (const k of FIGURE_COLUMNS) {
      const from = mine[k], to = out[k];
      for (let j = 0; j < at.length; j++) to[at[j]!] = from[j];
    }
  }
  got.forEach((figures, s) => {
    for (const k of FIGURE_COLUMNS) unpackInto(out[k], figures[k], index[s]!);
  });
  return out;
}
