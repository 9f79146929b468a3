// A PostgreSQL connection ended by the server while a transaction holds it (a database restart,
// pg_terminate_backend, a failover) must fail that transaction, never the process: pg emits
// 'error' on a checked-out client, and with no listener that is an uncaught exception (seen in
// tests/agent/agent-database.test.ts's database outage, issue 12). PostgreSQL only.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestDatabase, serverUrl, type TestDatabase } from '../support/db.ts';

let db: TestDatabase;
let admin: pg.Client;
const uncaught: unknown[] = [];
const onUncaught = (e: unknown) => uncaught.push(e);

beforeAll(async () => {
  if (!serverUrl) return;
  db = await openTestDatabase({ migrate: false });
  admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  process.on('uncaughtException', onUncaught);
});
afterAll(async () => {
  process.off('uncaughtException', onUncaught);
  await admin?.end();
  await db?.close();
});

it.skipIf(!serverUrl)('a connection terminated inside a transaction rejects the transaction and nothing else', async () => {
  const run = db.transaction(async (tx) => {
    const [{ pid }] = (await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    // Idle in the transaction until the server has really closed it: the 'error' event comes now.
    for (let i = 0; i < 200; i++) {
      const alive = await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
      if (alive.rowCount === 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await new Promise((r) => setTimeout(r, 100));
    await tx.query('SELECT 1');
  });
  await expect(run).rejects.toThrow();
  expect(uncaught).toEqual([]);
  // The pool is still usable afterwards.
  expect(await db.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
});
