// A transaction sent from a thread of its own (db/server-thread.ts, PostgreSQL): the plan write's
// path at national scale. It must read and write as `transaction` does: the same values back, the
// SQLSTATE of an error, everything rolled back on a throw, a request's cancel honoured, and no
// connection left behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transactionOnThread, WriteThreadUnavailable } from '../../server/src/db/server-thread.ts';
import { StatementCancelled, withStatementSignal } from '../../server/src/db/statement-scope.ts';
import { openTestDatabase, serverUrl, type TestDatabase } from '../support/db.ts';

describe.skipIf(!serverUrl)('transaction on a thread of its own (PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase({ migrate: false });
    await db.exec('CREATE TABLE thread_t (id int PRIMARY KEY, names text[], x float8)');
  });
  afterAll(async () => db?.close());

  // The write threads' sessions still open on this database. A backend leaves pg_stat_activity a
  // moment after its client has gone, so "none left" is waited for (a leak would stay).
  const threadSessions = async () => {
    const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'baylanys write thread'`)) as [{ n: number }];
    return n;
  };
  const threadSessionsLeft = async () => {
    for (let waited = 0; waited < 5_000; waited += 100) {
      if ((await threadSessions()) === 0) return 0;
      await new Promise((r) => setTimeout(r, 100));
    }
    return threadSessions();
  };

  it('reads the very values transaction reads, and commits', async () => {
    const sql = `SELECT 7::int8 AS n, 1.50::numeric AS m, $1::text[] AS names, $2::float8 AS x, NULL::text AS nothing`;
    const params = [['a', 'b "c"', 'д\\е', null], 0.1 + 0.2];
    const direct = await db.transaction((tx) => tx.query(sql, params));
    const threaded = await db.transactionOnThread!(async (tx) => {
      // Its own connection, opened by the thread (not one of the pool's).
      expect(await tx.query(`SELECT current_setting('application_name') AS app`)).toEqual([{ app: 'baylanys write thread' }]);
      await tx.query(`INSERT INTO thread_t VALUES (1, $1, $2)`, params);
      return tx.query(sql, params);
    });
    expect(await db.transaction((tx) => tx.query(`SELECT current_setting('application_name') AS app`))).not.toEqual([{ app: 'baylanys write thread' }]);
    expect(threaded).toEqual(direct);
    expect(threaded[0]).toMatchObject({ n: 7, m: '1.50', x: 0.30000000000000004 });
    expect(await db.query(`SELECT names, x FROM thread_t WHERE id = 1`)).toEqual([{ names: ['a', 'b "c"', 'д\\е', null], x: 0.30000000000000004 }]);
    expect(await threadSessionsLeft()).toBe(0);
  });

  it('rolls everything back on a throw, and passes the error on with its SQLSTATE', async () => {
    const err = await db.transactionOnThread!(async (tx) => {
      await tx.query(`INSERT INTO thread_t VALUES (2, NULL, 1)`);
      await tx.query(`INSERT INTO thread_t VALUES (2, NULL, 2)`);
    }).catch((e: unknown) => e as Error & { code?: string; constraint?: string });
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: '23505', constraint: 'thread_t_pkey' });
    expect(await db.query(`SELECT id FROM thread_t WHERE id = 2`)).toEqual([]);
    const thrown = db.transactionOnThread!(async (tx) => {
      await tx.query(`INSERT INTO thread_t VALUES (3, NULL, 3)`);
      throw new Error('the caller changed its mind');
    });
    await expect(thrown).rejects.toThrow('the caller changed its mind');
    expect(await db.query(`SELECT id FROM thread_t WHERE id = 3`)).toEqual([]);
    // A parameter that would not arrive as the driver sends it fails its statement, not the process.
    await expect(db.transactionOnThread!((tx) => tx.query(`SELECT $1::text AS v`, [() => 'x']))).rejects.toThrow('cannot be a parameter');
    class Money { toPostgres() { return '5'; } }
    await expect(db.transactionOnThread!((tx) => tx.query(`SELECT $1::text AS v`, [new Money()]))).rejects.toThrow('only plain values');
    expect(await threadSessionsLeft()).toBe(0);
  });

  it('says the thread could not start when its server cannot be reached, having run nothing', async () => {
    const bad = new URL(db.url!);
    bad.port = '1'; // nothing listens there
    bad.password = 'not-the-password';
    let ran = false;
    const err = await transactionOnThread(bad.toString(), async () => {
      ran = true;
    }, undefined, async () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteThreadUnavailable);
    expect(String(err)).not.toContain('not-the-password');
    expect(ran).toBe(false);
  });

  it('is cancelled on the server when its request gives up', async () => {
    const ac = new AbortController();
    const started = Date.now();
    const run = withStatementSignal(ac.signal, () => db.transactionOnThread!(async (tx) => {
      await tx.query(`INSERT INTO thread_t VALUES (4, NULL, 4)`);
      setTimeout(() => ac.abort(new StatementCancelled('client_gone')), 300);
      await tx.query(`SELECT pg_sleep(30)`);
    }));
    await expect(run).rejects.toBeInstanceOf(StatementCancelled);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await db.query(`SELECT id FROM thread_t WHERE id = 4`)).toEqual([]);
    expect(await threadSessionsLeft()).toBe(0);
  });
});
