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
import type { Database } from './database.ts';

/** Advisory lock keys, beside migrate.ts's 7270001 and the partition maker's 7270015. */
const LOCK_KEYS = { recompute: 7270020 } as const;
export type ExclusiveName = keyof typeof LOCK_KEYS;

const tails = new Map<unknown, Promise<void>>();

/** Runs fn once every earlier caller with the same key has finished (a promise chain per key). */
async function queued<T>(key: unknown, fn: () => Promise<T>): Promise<T> {
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

async function withAdvisoryLock<T>(url: string, key: number, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'baylanys-lock' });
  client.on('error', () => {}); // a dropped lock session must not crash the process
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [key]);
    return await fn();
  } finally {
    await client.end().catch(() => {}); // ending the session frees the lock
  }
}

/** Runs fn while no other `name` work runs on this database (this process, its job threads, other processes on a server). */
export function exclusively<T>(db: Database, name: ExclusiveName, fn: () => Promise<T>): Promise<T> {
  if (db.exclusive) return db.exclusive(name, fn);
  const url = db.server?.url;
  if (url) return queued(`${name} ${url}`, () => withAdvisoryLock(url, LOCK_KEYS[name], fn));
  return queued(keyFor(db, name), fn);
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
