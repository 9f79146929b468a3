// Embedded backend: PostgreSQL + PostGIS compiled to WebAssembly (PGlite), persisted in a folder.
import { mkdirSync } from 'node:fs';
import { openEmbeddedThread } from './embedded-thread.ts';
import { lockFolder } from './folder-lock.ts';
import { makePrivate, privateUmask } from './private-folder.ts';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Database, Queryable } from './database.ts';
import { statementSignal, throwIfCancelled } from './statement-scope.ts';
import { parseInt8, parseNumeric } from './type-parsers.ts';
import { blobCopy } from './blob-copy.ts';

const parsers = { [types.INT8]: parseInt8, [types.NUMERIC]: parseNumeric };

// In this thread (in-memory test databases) a statement of an abandoned request is only skipped
// if it has not been handed to PGlite yet; the folder-backed thread also drops queued ones.
function wrap(q: PGlite | Transaction): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      throwIfCancelled(statementSignal());
      const res = await q.query<T>(sql, params as unknown[]);
      return res.rows;
    },
    async exec(sql: string) {
      throwIfCancelled(statementSignal());
      await q.exec(sql);
    },
    async copyFrom(sql: string, rows: Uint8Array<ArrayBuffer>) {
      throwIfCancelled(statementSignal());
      return copyFromBlob(q, sql, rows);
    },
  };
}

/**
 * PGlite has no COPY … FROM STDIN: it reads the rows from its /dev/blob device, given with the
 * statement (the database thread, embedded-worker.mjs, does the same with the statement
 * embedded-thread.ts spelt with `blobCopy`).
 */
async function copyFromBlob(q: Pick<PGlite, 'query'>, sql: string, rows: Uint8Array<ArrayBuffer>): Promise<number> {
  const res = await q.query(blobCopy(sql), [], { blob: new Blob([rows]) });
  return res.affectedRows ?? 0;
}

/**
 * `snapshot`: a dumped data folder (PGlite.dumpDataDir) to start from. Creating the PostGIS
 * extension runs thousands of statements (~10 s); the test suite makes that snapshot once and
 * starts every test file's database from it.
 */
export async function openEmbeddedDatabase(dataDir?: string, snapshot?: Blob, options: { thread?: boolean } = {}): Promise<Database> {
  // One process per data folder (see folder-lock.ts), taken before PGlite reads a single page.
  const lock = dataDir ? lockFolder(dataDir) : undefined;
  let pg: PGlite;
  try {
    if (dataDir) {
      // Password hashes and sealed credentials live here: the owner's alone (see private-folder.ts).
      privateUmask();
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      makePrivate(dataDir);
      // A folder-backed database (server, command line) runs on its own thread, so long statements
      // never freeze this one (embedded-thread.ts); in-memory test databases stay on this thread.
      if (options.thread !== false && !snapshot) return await openEmbeddedThread(dataDir, () => lock?.release());
    }
    pg = await PGlite.create({ dataDir, extensions: { postgis }, parsers, ...(snapshot ? { loadDataDir: snapshot } : {}) });
    await pg.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  } catch (err) {
    lock?.release();
    throw err;
  }
  const base = wrap(pg);
  return {
    backend: 'embedded',
    query: base.query,
    exec: base.exec,
    copyFrom: base.copyFrom,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: async () => {
      try {
        await pg.close();
      } finally {
        lock?.release();
      }
    },
  };
}
