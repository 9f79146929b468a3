// The embedded database on its own thread (embedded-worker.mjs): the same Database interface, with
// every statement sent as a message, so the server's thread keeps answering (health, tiles, other
// users) while a long statement runs. Errors come back with their SQLSTATE `code` and details.
// A statement of a request that is abandoned or out of time (statement-scope.ts) while it still
// waits in the thread's queue is taken out of it and never runs; one already running cannot be
// interrupted (PGlite has no cancel), its answer is dropped. Each statement carries when its
// request began (statement-scope.ts): the thread serves the oldest request first.
// A job thread talks to the database thread over a port of its own (`ports()`), so the rows of a
// recompute are not cloned through the server's thread on their way (issue 11).
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { blobCopy } from './blob-copy.ts';
import type { Database, Queryable } from './database.ts';
import { statementPriority, statementSignal } from './statement-scope.ts';
import { portCalls, type Channel } from './port-calls.ts';

/** A Database client over `channel` (the worker itself, or a port to it); `fail` ends every call. */
function client(channel: Channel) {
  const calls = portCalls(channel);
  // Each statement carries its request's priority (statement-scope.ts); an abort asks the thread to drop it.
  const send = (msg: Record<string, unknown>, signal?: AbortSignal): Promise<unknown> =>
    calls.send({ ...msg, at: statementPriority() }, signal, (id) => channel.postMessage({ op: 'cancel', target: id }));
  const queryable = (tx: number | undefined, signal?: AbortSignal): Queryable => ({
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await send({ op: 'query', sql, params, tx }, signal ?? statementSignal())) as T[],
    exec: async (sql: string) => void (await send({ op: 'exec', sql, tx }, signal ?? statementSignal())),
    copyFrom: async (sql: string, rows: Uint8Array<ArrayBuffer>) => (await send({ op: 'copy', sql: blobCopy(sql), rows, tx }, signal ?? statementSignal())) as number,
  });
  let txSerial = 0;
  const base = queryable(undefined);
  const database: Omit<Database, 'close'> = {
    backend: 'embedded',
    query: base.query,
    exec: base.exec,
    copyFrom: base.copyFrom,
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
  };
  return { database, send, fail: calls.fail, isDead: calls.isDead };
}

/** The database thread's Database for a job thread, over a port from `ports()`. */
export function embeddedOverPort(port: MessagePort): Database {
  const c = client(port);
  port.on('close', () => c.fail(new Error('the port to the embedded database thread closed')));
  return { ...c.database, close: async () => port.close() };
}

export async function openEmbeddedThread(dataDir: string, onClose: () => void): Promise<Database> {
  const worker = new Worker(new URL('./embedded-worker.mjs', import.meta.url));
  const c = client(worker);
  worker.on('error', c.fail);
  worker.on('exit', (code) => c.fail(new Error(`the embedded database thread stopped (exit ${code})`)));

  try {
    await c.send({ op: 'open', dataDir });
  } catch (err) {
    await worker.terminate();
    throw err;
  }
  const db: Database = {
    ...c.database,
    async close() {
      try {
        if (!c.isDead()) await c.send({ op: 'close' });
        await worker.terminate();
      } finally {
        onClose();
      }
    },
  };
  // A new port straight to the database thread: its statements share the one queue (same order,
  // transactions kept apart per port) without passing through this thread.
  return Object.defineProperty(db, 'ports', {
    enumerable: false,
    value: () => {
      const { port1, port2 } = new MessageChannel();
      worker.postMessage({ op: 'port', port: port2 }, [port2]);
      return port1;
    },
  });
}
