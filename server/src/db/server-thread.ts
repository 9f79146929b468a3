// A transaction whose statements are sent from a worker thread with a connection of its own
// (server-thread-worker.mjs), for bulk writes made by a process with a large heap. node-postgres
// builds each message in Buffers that grow by half again, so a write of N bytes allocates about
// 3 N outside the heap, and every 64 MB of that makes V8 start a full marking of the heap. With
// 2.2 M facilities' inputs alive (≈ 7 GB) the plan write marked without pause: 250 of its 485 s
// on the main thread (issue 14; scripts/bench/write-gc.ts shows it in the same run: the same
// sends take 2× as long beside a 2.7 GB heap, and no longer than alone when sent from a thread).
// Parameters are turned into text here (array-text.ts) and copied to the thread (plain values, arrays
// and dates only), rows are copied back (bytea would come back as Uint8Array: the write reads none).
import { Worker } from 'node:worker_threads';
import { withArraysAsText } from './array-text.ts';
import type { Queryable } from './database.ts';
import { cancelError } from './statement-scope.ts';
import { portCalls } from './port-calls.ts';
import { revive, type ThreadError } from './thread-error.ts';

type Ready = { ready: true; pid: number } | { ready: false; error: ThreadError };

/** The thread or its connection did not start: nothing ran, the caller may use its pool instead. */
export class WriteThreadUnavailable extends Error {
  constructor(override readonly cause: unknown) {
    super(`the database write thread could not start: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'WriteThreadUnavailable';
  }
}

/**
 * Parameters are copied to the thread (structured clone): a value that would not arrive as the
 * driver would send it here (a class instance, with or without toPostgres; a function) is refused.
 */
function copyable(params: readonly unknown[]): unknown[] {
  for (const v of params) {
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'function' || typeof v === 'symbol') throw new TypeError(`a ${typeof v} cannot be a parameter of a statement sent from the write thread`);
      continue;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== Array.prototype && !(v instanceof Date)) {
      throw new TypeError('only plain values, arrays and dates can be parameters of a statement sent from the write thread');
    }
  }
  return params as unknown[];
}

/** How long the thread may take to load and connect (it takes 0.1–0.4 s, the connect timeout is 5 s). */
const writeThreadStartMs = 30_000;

/**
 * Runs fn inside BEGIN … COMMIT on a new connection to `url` driven from its own thread; any throw
 * rolls it back. `signal`: the request's budget (statement-scope.ts); when it aborts, `cancel` is
 * given the connection's backend pid (pg_cancel_backend) and the transaction ends in its error.
 */
export async function transactionOnThread<T>(url: string, fn: (tx: Queryable) => Promise<T>, signal: AbortSignal | undefined, cancel: (pid: number) => Promise<unknown>): Promise<T> {
  if (signal?.aborted) throw cancelError(signal);
  const worker = new Worker(new URL('./server-thread-worker.mjs', import.meta.url), { workerData: { url } });
  // Replies to statements (the start's "ready" has no id and is left to the start below).
  const calls = portCalls(worker);
  worker.on('error', calls.fail);
  worker.on('exit', (code) => calls.fail(new Error(`the database write thread stopped (exit ${code})`)));
  // Its start (loading the driver, connecting: up to the 5 s connect timeout) ends at its first
  // message, its death, the request's end or the start deadline, whichever comes first: a thread
  // that hangs while loading must not hang the write (the pool takes over, nothing has run).
  let quit: (() => void) | undefined;
  let deadline: NodeJS.Timeout | undefined;
  const ready = await new Promise<Ready>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`it stopped (exit ${code})`)));
    quit = () => reject(cancelError(signal!));
    signal?.addEventListener('abort', quit, { once: true });
    deadline = setTimeout(() => reject(new Error(`it did not start within ${writeThreadStartMs} ms`)), writeThreadStartMs);
  }).catch(async (err: unknown) => {
    await worker.terminate();
    throw signal?.aborted ? cancelError(signal) : new WriteThreadUnavailable(err);
  }).finally(() => {
    clearTimeout(deadline);
    if (quit) signal?.removeEventListener('abort', quit);
  });
  if (!ready.ready) {
    await worker.terminate();
    throw new WriteThreadUnavailable(revive(ready.error));
  }
  // A parameter that cannot be copied to the thread fails its own statement (port-calls.ts).
  const send = (m: { sql?: string; params?: unknown[]; copy?: Uint8Array<ArrayBuffer>; end?: true }) => calls.send(m) as Promise<unknown>;
  let cancelling: Promise<unknown> | undefined;
  const onAbort = () => {
    cancelling = cancel(ready.pid);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  const tx: Queryable = {
    async query<R>(sql: string, params: readonly unknown[] = []) {
      if (signal?.aborted) throw cancelError(signal);
      return (await send({ sql, params: copyable(withArraysAsText(params)) })) as R[];
    },
    async exec(sql: string) {
      if (signal?.aborted) throw cancelError(signal);
      await send({ sql });
    },
    async copyFrom(sql: string, rows: Uint8Array<ArrayBuffer>) {
      if (signal?.aborted) throw cancelError(signal);
      return (await send({ sql, copy: rows })) as number;
    },
  };
  try {
    await send({ sql: 'BEGIN' });
    try {
      const out = await fn(tx);
      await send({ sql: 'COMMIT' });
      return out;
    } catch (err) {
      await send({ sql: 'ROLLBACK' }).catch(() => {});
      throw err;
    }
  } catch (err) {
    // The server's "canceling statement due to user request" (57014) is the request's own end.
    throw signal?.aborted ? cancelError(signal) : err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // The cancel sent (so it cannot reach a later statement on a reused pid), then a clean end that
    // closes the connection; within 10 s, or the thread is stopped all the same (its connection ends with it).
    const ended = (async () => {
      if (cancelling) await cancelling;
      await send({ end: true }).catch(() => {});
    })();
    let stop: NodeJS.Timeout | undefined;
    await Promise.race([ended, new Promise((resolve) => (stop = setTimeout(resolve, 10_000)))]);
    clearTimeout(stop);
    await worker.terminate();
  }
}
