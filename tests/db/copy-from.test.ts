// Bulk COPY (Queryable.copyFrom, db/copy-text.ts): what a plan rewrite writes its rows with. Every
// path that can carry it must store exactly what was given, or fail whole with the server's SQLSTATE:
// the backend under test (pool and transaction), and on PostgreSQL the write thread; the
// folder-backed embedded thread and a job thread's relay (job-thread.ts) are tested on embedded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRows, pointEwkb } from '../../server/src/db/copy-text.ts';
import type { Database, Queryable } from '../../server/src/db/database.ts';
import { openEmbeddedDatabase } from '../../server/src/db/embedded-database.ts';
import { remoteDatabase, serveDatabase } from '../../server/src/jobs/thread-database.ts';
import { openTestDatabase, serverUrl, type TestDatabase } from '../support/db.ts';

const TABLE = 'CREATE TABLE copied (id int PRIMARY KEY, s text, x float8, b boolean NOT NULL, g geometry(Point, 4326))';
const COPY = '-- test rows\nCOPY copied (id, s, x, b, g) FROM STDIN';
const texts = ['C:\\new', 'tab\there', 'two\nlines', 'cr\r', '\\N', 'NULL', '', 'Ақсу «Айгөлек» № 5', 'emoji 😀', null, 'x'.repeat(5000)];
const numbers = [0.1 + 0.2, 1e21, 5e-324, Number.MAX_VALUE, -0.5, NaN, Infinity, -Infinity, null, 71.123456789012345, 2 ** 53 + 2];
const n = Math.max(texts.length, numbers.length);
const ids = Array.from({ length: n }, (_, i) => i + 1);
const bools = ids.map((i) => i % 2 === 0);
const lons = ids.map((i) => 46.5 + i / 7), lats = ids.map((i) => 51.1 - i / 3);
const rows = () => copyRows(['id', 's', 'x', 'b', 'g'], [ids, ids.map((_, i) => texts[i % texts.length]), ids.map((_, i) => numbers[i % numbers.length]), bools,
  ids.map((_, i) => pointEwkb(lons[i], lats[i], 4326))], n);

async function expectStored(q: Queryable): Promise<void> {
  const back = await q.query<{ id: number; s: string | null; x: number | null; b: boolean; lon: number; lat: number; srid: number }>(
    'SELECT id, s, x, b, ST_X(g) AS lon, ST_Y(g) AS lat, ST_SRID(g) AS srid FROM copied ORDER BY id');
  expect(back.map((r) => r.s)).toEqual(ids.map((_, i) => texts[i % texts.length]));
  // NaN, ±Infinity and the 17th digit come back as the very doubles (toEqual sees NaN as NaN).
  expect(back.map((r) => r.x)).toEqual(ids.map((_, i) => numbers[i % numbers.length]));
  expect(back.map((r) => r.b)).toEqual(bools);
  expect(back.map((r) => [r.lon, r.lat, r.srid])).toEqual(ids.map((_, i) => [lons[i], lats[i], 4326]));
}

/** The copy stores every value as given; a bad row fails the statement and its transaction whole. */
async function copiesWhole(db: Database, transaction: Database['transaction'] = db.transaction): Promise<void> {
  await db.exec('TRUNCATE copied');
  expect(await transaction(async (tx) => tx.copyFrom(COPY, rows()))).toBe(n);
  await expectStored(db);
  // Row 2 of the next copy has no b (NOT NULL): nothing of it, nor of the transaction, stays.
  const bad = copyRows(['id', 's', 'x', 'b', 'g'], [[100, 101], ['a', 'b'], [1, 2], [true, null], [null, null]], 2);
  await expect(transaction(async (tx) => {
    await tx.query("UPDATE copied SET s = 'changed' WHERE id = 1");
    await tx.copyFrom(COPY, bad);
  })).rejects.toMatchObject({ code: '23502' });
  await expectStored(db);
  // A malformed field (not a number) is the server's own error too, and the connection goes on.
  const malformed = Buffer.from('200\ta\tnot-a-number\ttrue\t\\N\n');
  await expect(transaction((tx) => tx.copyFrom(COPY, malformed))).rejects.toMatchObject({ code: '22P02' });
  // A bad first row of ≈ 5 MB, as large as a rewrite's slice: the server fails it while the rest is
  // still on its way, and the same connection (the pool's, the thread's) takes the next statements.
  const many = Array.from({ length: 6_000 }, (_, i) => 1_000 + i);
  const large = copyRows(['id', 's', 'x', 'b', 'g'], [many, many.map(() => 'ж'.repeat(400)), many, many.map((i) => (i === 1_000 ? null : true)), many.map(() => null)], many.length);
  expect(large.length).toBeGreaterThan(4_900_000);
  await expect(transaction((tx) => tx.copyFrom(COPY, large))).rejects.toMatchObject({ code: '23502' });
  await expect(db.copyFrom(COPY, large)).rejects.toMatchObject({ code: '23502' });
  expect(await transaction(async (tx) => tx.query('SELECT count(*)::int AS n FROM copied'))).toEqual([{ n }]);
  expect(await db.query('SELECT count(*)::int AS n FROM copied')).toEqual([{ n }]);
}

describe('bulk COPY on the backend under test', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase({ migrate: false });
    await db.exec(TABLE);
  });
  afterAll(async () => db?.close());

  it('stores every value as given, in a transaction and outside one, and fails whole on a bad row', async () => {
    await copiesWhole(db);
    await db.exec('TRUNCATE copied');
    expect(await db.copyFrom(COPY, rows())).toBe(n);
    await expectStored(db);
  });

  it.runIf(serverUrl)('does the same from the write thread (PostgreSQL)', async () => {
    await copiesWhole(db, db.transactionOnThread!);
  });

  it('refuses a statement that is not a COPY from STDIN, and goes on', async () => {
    await expect(db.copyFrom('INSERT INTO copied VALUES (1)', rows())).rejects.toThrow('copyFrom takes a COPY … FROM STDIN statement');
    await expect(db.transaction((tx) => tx.copyFrom('SELECT 1', rows()))).rejects.toThrow('copyFrom takes a COPY … FROM STDIN statement');
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});

describe.skipIf(serverUrl)('bulk COPY through the embedded database thread and a job thread relay', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'baylanys-copy-'));
  let db: Database;
  beforeAll(async () => {
    db = await openEmbeddedDatabase(path.join(tmp, 'pglite'));
    await db.exec(TABLE);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('stores every value as given on the folder-backed thread, and fails whole on a bad row', async () => {
    await copiesWhole(db);
  });

  it('stores every value as given from a job thread relayed through the server thread', async () => {
    const { port1, port2 } = new MessageChannel();
    const end = serveDatabase(port1, db);
    const remote = remoteDatabase(port2, 'embedded');
    try {
      await copiesWhole(remote);
    } finally {
      end();
      port1.close();
    }
  });
});
