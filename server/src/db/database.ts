// The one database interface: the same SQL runs on embedded PGlite + PostGIS and on a PostgreSQL server.
import { chmodSync } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import type { ExclusiveName } from './exclusive.ts';
export type Backend = 'embedded' | 'postgres';

export interface Queryable {
  /** Run one statement with positional parameters ($1, $2, …) and return its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Run a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Bulk insert: `sql` is a `COPY table (columns) FROM STDIN` statement, `rows` its data in COPY's
   * text format (copy-text.ts). Returns how many rows it copied; a bad row fails the whole statement.
   */
  copyFrom(sql: string, rows: Uint8Array<ArrayBuffer>): Promise<number>;
}

export interface Database extends Queryable {
  readonly backend: Backend;
  /** Runs fn inside BEGIN … COMMIT; any throw rolls everything back. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL: as transaction, on a connection of its own whose messages are built on a worker
   * thread (server-thread.ts), for a bulk write from a process with a large heap. Embedded has none:
   * its statements already run on the database's own thread.
   */
  transactionOnThread?<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** A streaming replica (DATABASE_READ_URL) for read-only queries that may lag a little behind. */
  readonly replica?: Queryable;
  /**
   * PostgreSQL: where the server is, so a job thread opens connections of its own and parses its
   * own rows (jobs/job-thread.ts). Not enumerable: it holds the password and must never print.
   */
  readonly server?: { url: string };
  /** Embedded (folder-backed): a new port straight to the database thread, for a job thread. */
  readonly ports?: () => MessagePort;
  /** A job thread's database: runs fn while the server thread holds `name` for it (db/exclusive.ts). */
  readonly exclusive?: <T>(name: ExclusiveName, fn: () => Promise<T>) => Promise<T>;
}

/** Marks `db` as reachable at `url` (see Database.server), without making the URL enumerable. */
export function withServer<D extends Database>(db: D, url: string): D {
  return Object.defineProperty(db, 'server', { value: { url }, enumerable: false });
}

/** Where read-only traffic goes (ranking pages, tiles, reports): the replica when there is one.
 * Anything that must see its own writes uses the database itself. */
export const reader = (db: Database): Queryable => db.replica ?? db;

export type OpenOptions = {
  /** postgres:// URL of a server; when absent the embedded backend is used. */
  databaseUrl?: string | undefined;
  /** postgres:// URL of a streaming replica of databaseUrl for read-only queries (optional). */
  databaseReadUrl?: string | undefined;
  /** Folder for the embedded database; undefined keeps it in memory (tests). */
  dataDir?: string | undefined;
  /** Embedded only: start from this dumped data folder (see embedded-database.ts). */
  embeddedSnapshot?: Blob | undefined;
};

/** Opens the configured backend. Imports are lazy so one backend never loads the other's code. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const { openServerDatabase } = await import('./server-database.ts');
    const primary = withServer(await openServerDatabase(options.databaseUrl), options.databaseUrl);
    if (!options.databaseReadUrl) return primary;
    const replica = await openServerDatabase(options.databaseReadUrl, { replica: true });
    return withServer({ ...primary, replica, close: async () => { await replica.close(); await primary.close(); } }, options.databaseUrl);
  }
  const { openEmbeddedDatabase } = await import('./embedded-database.ts');
  return openEmbeddedDatabase(options.dataDir, options.embeddedSnapshot);
}

/** The database a configuration names: the server at DATABASE_URL, else the embedded one in DATA_DIR/pglite. */
export async function openConfiguredDatabase(config: { databaseUrl?: string | undefined; databaseReadUrl?: string | undefined; dataDir: string }): Promise<Database> {
  if (config.databaseUrl) return openDatabase({ databaseUrl: config.databaseUrl, databaseReadUrl: config.databaseReadUrl });
  const db = await openDatabase({ dataDir: `${config.dataDir.replace(/\/+$/, '')}/pglite` });
  // The data folder (database, key, agent buffer, lock) is the owner's alone.
  chmodSync(config.dataDir, 0o700);
  return db;
}
