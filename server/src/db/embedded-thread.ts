// The embedded database on its own thread (embedded-worker.mjs): the same Database interface, with
// every statement sent as a message, so the server's thread keeps answering (health, tiles, other
// users) while a long statement runs. Errors come back with their SQLSTATE `code` and details.
import { Worker } from 'node:worker_threads';
import type { Database, Queryable } from './database.ts';

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

  const send = (msg: Record<string, unknown>): Promise<unknown> => {
    if (dead) return Promise.reject(dead);
    const id = next++;
    return new Promise((resolve, reject) => {
      calls.set(id, { resolve, reject });
      worker.postMessage({ ...msg, id });
    });
  };
  const queryable = (tx: number | undefined): Queryable => ({
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await send({ op: 'query', sql, params, tx })) as T[],
    exec: async (sql: string) => void (await send({ op: 'exec', sql, tx })),
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
      await send({ op: 'begin', tx });
      try {
        const out = await fn(queryable(tx));
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
