// The embedded database on its own thread (embedded-worker.mjs): the same Database interface, with
// every statement sent as a message, so the server's thread keeps answering (health, tiles, other
// users) while a long statement runs. Errors come back with their SQLSTATE `code` and details.
// A statement of a request that is abandoned or out of time (statement-scope.ts) while it still
// waits in the thread's queue is taken out of it and never runs; one already running cannot be
// interrupted (PGlite has no cancel), its answer is dropped. Each statement carries when its
// request began (statement-scope.ts): the thread serves the oldest request first.
import { Worker } from 'node:worker_threads';
import type { Database, Queryable } from './database.ts';
import { cancelError, statementPriority, statementSignal } from './statement-scope.ts';

type Reply = { id: number; ok: true; rows: unknown } | { id: number; ok: false; error: Record<string, unknown> & { message: string } };

function revive(e: Record<string, unknown> & { message: string }): Error {
  const err = new Error(e.message);
  Object.assign(err, e);
  return err;
}

export async function openEmbeddedThread(dataDir: string, onClose: () => void): Promise<Database> {
  const worker = new Worker(new URL('./embedded-worker.mjs', import.meta.url));
  const calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  let dead: Error | undefined;
  worker.on('message', (r: Reply) => {
    const call = calls.get(r.id);
    if (!call) return;
    calls.delete(r.id);
    if (r.ok) call.resolve(r.rows);
    else call.reject(revive(r.error));
  });
  const fail = (err: Error) => {
    dead = err;
    for (const c of calls.values()) c.reject(err);
    calls.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the embedded database thread stopped (exit ${code})`)));

  const send = (msg: Record<string, unknown>, signal?: AbortSignal): Promise<unknown> => {
    if (dead) return Promise.reject(dead);
    if (signal?.aborted) return Promise.reject(cancelError(signal));
    const id = next++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        calls.delete(id);
        worker.postMessage({ op: 'cancel', target: id });
        reject(cancelError(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      calls.set(id, {
        resolve: (v) => (done(), resolve(v)),
        reject: (e) => (done(), reject(e)),
      });
      worker.postMessage({ ...msg, id, at: statementPriority() });
    });
  };
  const queryable = (tx: number | undefined, signal?: AbortSignal): Queryable => ({
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await send({ op: 'query', sql, params, tx }, signal ?? statementSignal())) as T[],
    exec: async (sql: string) => void (await send({ op: 'exec', sql, tx }, signal ?? statementSignal())),
  });

  try {
    await send({ op: 'open', dataDir });
  } catch (err) {
    await worker.terminate();
    throw err;
  }
  const base = queryable(undefined);
  let txSerial = 0;
  return {
    backend: 'embedded',
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const tx = ++txSerial;
      const signal = statementSignal();
      try {
        await send({ op: 'begin', tx }, signal);
      } catch (err) {
        // Given up while BEGIN was queued: it may have run just before the cancel reached the
        // thread, and an open transaction nobody ends would hold every other statement forever.
        await send({ op: 'rollback', tx }).catch(() => {});
        throw err;
      }
      try {
        const out = await fn(queryable(tx, signal));
        // COMMIT and ROLLBACK are never cancelled: a begun transaction always ends.
        await send({ op: 'commit', tx });
        return out;
      } catch (err) {
        await send({ op: 'rollback', tx }).catch(() => {});
        throw err;
      }
    },
    async close() {
      try {
        if (!dead) await send({ op: 'close' });
        await worker.terminate();
      } finally {
        onClose();
      }
    },
  };
}
