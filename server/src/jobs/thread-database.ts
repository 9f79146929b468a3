// The Database interface across a MessagePort: a job on its own thread (job-thread.ts) queries the
// server's one database (pool or embedded thread) through the server thread, so it needs no
// connection of its own and the embedded folder keeps a single owner. Rows and parameters travel
// by structured clone; errors keep their SQLSTATE `code`.
import type { MessagePort } from 'node:worker_threads';
import type { Backend, Database, Queryable } from '../db/database.ts';
import { exclusively, type ExclusiveName } from '../db/exclusive.ts';
import { portCalls } from '../db/port-calls.ts';

type Request =
  | { id: number; op: 'query'; sql: string; params: unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  | { id: number; op: 'copy'; sql: string; rows: Uint8Array<ArrayBuffer>; tx?: number }
  | { id: number; op: 'begin' | 'commit' | 'rollback'; tx: number }
  | { id: number; op: 'hold'; name: ExclusiveName; hold: number }
  | { id: number; op: 'release'; hold: number };
type Reply = { id: number; ok: true; rows?: unknown } | { id: number; ok: false; error: Record<string, unknown> & { message: string } };

function plainError(err: unknown): Record<string, unknown> & { message: string } {
  const out: Record<string, unknown> & { message: string } = { message: err instanceof Error ? err.message : String(err) };
  if (err && typeof err === 'object') {
    for (const [k, v] of Object.entries(err)) if (['string', 'number', 'boolean'].includes(typeof v)) out[k] = v;
  }
  return out;
}

/** Server side: answers a job thread's statements on `db`; returns a function that ends open transactions. */
export function serveDatabase(port: MessagePort, db: Database): () => void {
  const open = new Map<number, { tx: Queryable; end: (commit: boolean) => void; done: Promise<unknown> }>();
  const holds = new Map<number, () => void>();
  let ended = false;
  const reply = (r: Reply) => port.postMessage(r);
  port.on('message', (m: Request) => {
    void (async () => {
      try {
        if (m.op === 'hold') {
          // Held here, in the server thread's queue (and advisory lock), until the thread releases it.
          let release!: () => void;
          const released = new Promise<void>((r) => (release = r));
          let acquired!: () => void;
          const got = new Promise<void>((r) => (acquired = r));
          const done = exclusively(db, m.name, async () => {
            acquired();
            await released;
          });
          await Promise.race([got, done]);
          if (ended) return release(); // the thread died while it waited: nobody will release it
          holds.set(m.hold, release);
          return reply({ id: m.id, ok: true });
        }
        if (m.op === 'release') {
          holds.get(m.hold)?.();
          holds.delete(m.hold);
          return reply({ id: m.id, ok: true });
        }
        if (m.op === 'begin') {
          let ready!: (tx: Queryable) => void;
          const got = new Promise<Queryable>((r) => (ready = r));
          let end!: (commit: boolean) => void;
          const ended = new Promise<boolean>((r) => (end = r));
          const done = db.transaction(async (tx) => {
            ready(tx);
            if (!(await ended)) throw new RollbackRequested();
          });
          // A BEGIN that fails (database down) rejects `done` before `ready` is called.
          const tx = await Promise.race([got, done.then(() => { throw new Error('transaction ended before it began'); })]);
          open.set(m.tx, { tx, end, done });
          return reply({ id: m.id, ok: true });
        }
        if (m.op === 'commit' || m.op === 'rollback') {
          const t = open.get(m.tx);
          if (!t) throw new Error(`no open transaction ${m.tx}`);
          open.delete(m.tx);
          t.end(m.op === 'commit');
          await t.done.catch((err: unknown) => {
            if (!(err instanceof RollbackRequested)) throw err;
          });
          return reply({ id: m.id, ok: true });
        }
        const s = m as Extract<Request, { op: 'query' | 'exec' | 'copy' }>;
        const q: Queryable = s.tx === undefined ? db : open.get(s.tx)?.tx ?? failNoTx(s.tx);
        if (s.op === 'exec') {
          await q.exec(s.sql);
          return reply({ id: s.id, ok: true });
        }
        if (s.op === 'copy') return reply({ id: s.id, ok: true, rows: await q.copyFrom(s.sql, s.rows) });
        return reply({ id: s.id, ok: true, rows: await q.query(s.sql, s.params) });
      } catch (err) {
        reply({ id: m.id, ok: false, error: plainError(err) });
      }
    })();
  });
  return () => {
    ended = true;
    for (const t of open.values()) t.end(false);
    open.clear();
    for (const release of holds.values()) release();
    holds.clear();
  };
}

class RollbackRequested extends Error {}
function failNoTx(tx: number): never {
  throw new Error(`no open transaction ${tx}`);
}

/** Job thread side: a Database whose statements run on the server thread's database. */
export function remoteDatabase(port: MessagePort, backend: Backend): Database {
  const calls = portCalls(port);
  port.on('close', () => calls.fail(new Error('the port to the server thread closed')));
  const { send } = calls;
  const on = (tx?: number): Queryable => ({
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await send({ op: 'query', sql, params, tx })) as T[],
    exec: async (sql: string) => void (await send({ op: 'exec', sql, tx })),
    copyFrom: async (sql: string, rows: Uint8Array<ArrayBuffer>) => (await send({ op: 'copy', sql, rows, tx })) as number,
  });
  let serial = 0;
  const base = on();
  return {
    backend,
    query: base.query,
    exec: base.exec,
    copyFrom: base.copyFrom,
    async transaction(fn) {
      const tx = ++serial;
      await send({ op: 'begin', tx });
      try {
        const out = await fn(on(tx));
        await send({ op: 'commit', tx });
        return out;
      } catch (err) {
        await send({ op: 'rollback', tx }).catch(() => {});
        throw err;
      }
    },
    async exclusive(name, fn) {
      const hold = ++serial;
      await send({ op: 'hold', name, hold });
      try {
        return await fn();
      } finally {
        await send({ op: 'release', hold }).catch(() => {});
      }
    },
    close: async () => {
      port.close();
    },
  };
}
