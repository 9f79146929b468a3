// Opens a fresh, migrated database for one test file on the backend chosen by the environment:
// embedded (in-memory PGlite) by default, or a new throw-away database on the server named by
// DATABASE_URL. The same tests thus run against both backends (.ci/run runs them twice).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase, withServer, type Database } from '../../server/src/db/database.ts';
import { migrate } from '../../server/src/db/migrate.ts';

export const serverUrl: string | undefined = process.env.DATABASE_URL || undefined;
/** A streaming replica of the server (.ci/run's replica block): each test database is read there too. */
export const replicaUrl: string | undefined = (serverUrl && process.env.DATABASE_READ_URL) || undefined;

/** The PostGIS-ready PGlite folder made once by tests/support/global-setup.ts, if there is one. */
function embeddedSnapshot(): Blob | undefined {
  const file = process.env.BAYLANYS_TEST_PGLITE_SNAPSHOT;
  return file ? new Blob([readFileSync(file)]) : undefined;
}

export type TestDatabase = Database & { url?: string | undefined };

/**
 * A connection for making and dropping test databases. Each takes a second or two; a server that
 * stalls (a commit that cannot flush, a lock nobody releases) then fails the file with the server's
 * own words (30 s to connect, 2 min a statement) instead of hanging its hooks until the test runner gives up.
 */
async function adminClient(baseUrl: string): Promise<pg.Client> {
  const c = new pg.Client({
    connectionString: baseUrl,
    connectionTimeoutMillis: 30_000,
    application_name: 'baylanys tests admin',
    options: '-c statement_timeout=120000 -c lock_timeout=60000',
  });
  await c.connect();
  return c;
}

export async function createServerDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `baylanys_test_${randomBytes(6).toString('hex')}`;
  const admin = await adminClient(baseUrl);
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end().catch(() => {}); // never in place of the statement's own error
  }
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = await adminClient(baseUrl);
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end().catch(() => {});
      }
    },
  };
}

/** A migrated database on the backend under test; close() also drops a server database. */
export async function openTestDatabase(options: { backend?: 'embedded' | 'postgres'; migrate?: boolean } = {}): Promise<TestDatabase> {
  const backend = options.backend ?? (serverUrl ? 'postgres' : 'embedded');
  let db: Database;
  let url: string | undefined;
  let drop = async () => {};
  if (backend === 'postgres') {
    if (!serverUrl) throw new Error('the postgres backend needs DATABASE_URL');
    const created = await createServerDatabase(serverUrl);
    url = created.url;
    drop = created.drop;
    let readUrl: string | undefined;
    if (replicaUrl) {
      const r = new URL(replicaUrl);
      r.pathname = new URL(url).pathname;
      readUrl = r.toString();
    }
    db = await openDatabase({ databaseUrl: url, databaseReadUrl: readUrl });
  } else {
    db = await openDatabase({ embeddedSnapshot: embeddedSnapshot() });
  }
  if (options.migrate !== false) await migrate(db);
  const test: TestDatabase = {
    backend: db.backend,
    url,
    query: db.query,
    exec: db.exec,
    copyFrom: db.copyFrom,
    transaction: db.transaction,
    transactionOnThread: db.transactionOnThread,
    replica: db.replica,
    async close() {
      await db.close();
      await drop();
    },
  };
  // As the server's database: a job thread opens connections of its own (jobs/job-thread.ts).
  return url ? withServer(test, url) : test;
}
