// Work that must never overlap itself on one database. Two recomputes at once interleave: one
// truncates the measures while the other reads them (PostgreSQL found the lock cycle and cancelled
// a reader, a 500 in CI), and each saves a plan_state that may not describe the results the other
// wrote, so a later run would trust stale rows.
// In this process, callers queue per database and name. On PostgreSQL a session advisory lock
// also holds it against other processes and job threads; it lives on a connection of its own (a
// waiter holding a pooled one could starve the holder of connections) and ends with that session,
// so a killed process frees it. An embedded job thread asks the server thread, whose queue covers
// the one process that owns the data folder (Database.exclusive, jobs/thread-database.ts).
import pg from 'pg';
import { statementPriority, statementSignal, withStatementSignal } from './statement-scope.ts';
import type { Database } from './database.ts';

/** Advisory lock keys, beside migrate.ts's 7270001 and the partition maker's 7270015. */
const LOCK_KEYS = { recompute: 7270020 } as const;
export type ExclusiveName = keyof typeof LOCK_KEYS;

const tails = new Map<unknown, Promise<void>>();

/** Answered instead of running fn when asked not to wait and another caller holds the name. */
const BUSY = Symbol('busy');
type Busy = typeof BUSY;

/** Runs fn once every earlier caller with the same key has finished (a promise chain per key); BUSY at once if `wait` is false and one is there. */
async function queued<T>(key: unknown, wait: boolean, fn: () => Promise<T | Busy>): Promise<T | Busy> {
  if (!wait && tails.has(key)) return BUSY;
  const before = tails.get(key) ?? Promise.resolve();
  let finished!: () => void;
  const tail = before.then(() => new Promise<void>((resolve) => (finished = resolve)));
  tails.set(key, tail);
  try {
    await before;
    return await fn();
  } finally {
    // The chain's `before` never rejects, so `finished` is set by the time fn has run.
    finished();
    if (tails.get(key) === tail) tails.delete(key);
  }
}

async function withAdvisoryLock<T>(url: string, key: number, wait: boolean, fn: () => Promise<T>): Promise<T | Busy> {
  // Idle for the whole run: an operator's idle_session_timeout or statement_timeout must not end it.
  const client = new pg.Client({ connectionString: url, application_name: 'baylanys-lock', keepAlive: true, options: '-c idle_session_timeout=0 -c statement_timeout=0' });
  const lost = new AbortController();
  const onLost = () => lost.abort(new Error('the recompute lock session ended; the run stops before it writes anything more'));
  client.on('error', onLost); // a dropped lock session must not crash the process, and must stop the run
  client.on('end', onLost);
  await client.connect();
  try {
    if (wait) await client.query('SELECT pg_advisory_lock($1)', [key]);
    else if (!(await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS got', [key])).rows[0]!.got) return BUSY;
    const outer = statementSignal();
    const signal = outer ? AbortSignal.any([outer, lost.signal]) : lost.signal;
    return await withStatementSignal(signal, fn, statementPriority());
  } finally {
    client.off('end', onLost);
    await client.end().catch(() => {}); // ending the session frees the lock
  }
}

function run<T>(db: Database, name: ExclusiveName, wait: boolean, fn: () => Promise<T>): Promise<T | Busy> {
  const url = db.server?.url;
  if (url) return queued(`${name} ${url}`, wait, () => withAdvisoryLock(url, LOCK_KEYS[name], wait, fn));
  return queued(keyFor(db, name), wait, fn);
}

/** Runs fn while no other `name` work runs on this database (this process, its job threads, other processes on a server). */
export async function exclusively<T>(db: Database, name: ExclusiveName, fn: () => Promise<T>): Promise<T> {
  if (db.exclusive) return db.exclusive(name, fn);
  return (await run(db, name, true, fn)) as T;
}

/**
 * As exclusively, but without waiting: undefined at once when another caller holds `name` (a page
 * with a time budget, which a national recompute would outlast). A job thread's database waits.
 */
export async function exclusivelyIfFree<T>(db: Database, name: ExclusiveName, fn: () => Promise<T>): Promise<T | undefined> {
  if (db.exclusive) return db.exclusive(name, fn);
  const out = await run(db, name, false, fn);
  return out === BUSY ? undefined : out;
}

const embeddedKeys = new WeakMap<Database, Map<ExclusiveName, object>>();
/** One queue key per embedded database object and name. */
function keyFor(db: Database, name: ExclusiveName): object {
  let byName = embeddedKeys.get(db);
  if (!byName) embeddedKeys.set(db, (byName = new Map()));
  let key = byName.get(name);
  if (!key) byName.set(name, (key = { name }));
  return key;
}
