// Issue 11 item 4/5: a request has a time budget, and its database work stops when the client
// hangs up. Before, an abandoned request kept its statement running to the end (under 200 clients
// the embedded server fell from 64 to 24 req/s over three rounds, busy with work nobody waited
// for), and a request over any budget simply hung. PostgreSQL: the statement is cancelled on the
// server (pg_stat_activity shows it gone). Embedded: statements still queued behind other work
// never run (PGlite cannot interrupt one that is running).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Router } from 'express';
import pg from 'pg';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import type { Database } from '../../server/src/db/database.ts';
import { openEmbeddedDatabase } from '../../server/src/db/embedded-database.ts';
import { StatementCancelled } from '../../server/src/db/statement-scope.ts';
import { createApp } from '../../server/src/http/app.ts';
import { createLogger } from '../../server/src/logger.ts';
import { listen, type Running } from '../support/auth.ts';
import { openTestDatabase, serverUrl, type TestDatabase } from '../support/db.ts';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** An app whose POST /test/run runs `work` and reports how it ended (outside the access gate). */
function appRunning(db: Database, budgetMs: number, work: (db: Database) => Promise<unknown>) {
  const ended: Array<ReturnType<typeof deferred<unknown>>> = [];
  const reached: Array<ReturnType<typeof deferred<void>>> = [];
  const next = () => {
    ended.push(deferred<unknown>());
    reached.push(deferred<void>());
  };
  next();
  const route = () => Router().post('/test/run', async (_req, res, nxt) => {
    const i = ended.length - 1;
    const promise = work(db);
    reached[i]!.resolve();
    try {
      res.json({ rows: await promise });
      ended[i]!.resolve('finished');
    } catch (err) {
      ended[i]!.resolve(err);
      nxt(err);
    }
  });
  const app = createApp({ db, config: { ...loadConfig({}), requestBudgetMs: budgetMs }, logger: createLogger('silent'), versions: {} }, [route]);
  return { app, ended: () => ended.at(-1)!.promise, reached: () => reached.at(-1)!.promise, next };
}

/** Starts POST /test/run and returns the request, to be destroyed as an impatient client does. */
function startRequest(r: Running): ClientRequest {
  const req = httpRequest(`${r.url}/test/run`, { method: 'POST' });
  req.on('error', () => {});
  req.end();
  return req;
}

describe.runIf(serverUrl)('request budget on PostgreSQL', () => {
  let db: TestDatabase;
  let watcher: pg.Client;
  const marker = `budget_test_${randomBytes(4).toString('hex')}`;
  const running = async () => (await watcher.query(
    "SELECT pid FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND query LIKE $1",
    [`%${marker}%`],
  )).rows;
  // A cancelled backend reports itself idle just after the client has its error (CI caught one still
  // 'active' for that instant): wait up to 2 s. One left running holds pg_sleep(600), far longer.
  const leftRunning = async () => {
    const until = Date.now() + 2_000;
    let rows = await running();
    while (rows.length > 0 && Date.now() < until) {
      await new Promise((res) => setTimeout(res, 50));
      rows = await running();
    }
    return rows;
  };
  beforeAll(async () => {
    db = await openTestDatabase({ migrate: false });
    watcher = new pg.Client({ connectionString: db.url });
    await watcher.connect();
  });
  afterAll(async () => {
    await watcher?.end();
    await db?.close();
  });
  const sleep = (d: Database) => d.query(`SELECT pg_sleep(600) AS ${marker}`);

  it('cancels the statement of a request whose client hangs up: none left in pg_stat_activity', async () => {
    const t = appRunning(db, 60_000, sleep);
    const r = await listen(t.app);
    try {
      const req = startRequest(r);
      while ((await running()).length === 0) await new Promise((res) => setTimeout(res, 50));
      req.destroy();
      const outcome = await t.ended();
      expect(outcome).toBeInstanceOf(StatementCancelled);
      expect((outcome as StatementCancelled).reason).toBe('client_gone');
      expect(await leftRunning()).toEqual([]);
      // The pool is whole afterwards: the next statement runs.
      expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await r.close();
    }
  });

  it('answers 504 time_budget_exceeded at the budget and cancels the statement', async () => {
    const t = appRunning(db, 300, sleep);
    const res = await supertest(t.app).post('/test/run').expect(504);
    expect(res.body.error.code).toBe('time_budget_exceeded');
    expect(await t.ended()).toBeInstanceOf(StatementCancelled);
    expect(await leftRunning()).toEqual([]);
  });

  it('work outside a request (no budget) is never cancelled', async () => {
    expect(await db.query('SELECT pg_sleep(0.01), 2 AS two')).toEqual([{ pg_sleep: '', two: 2 }]);
  });
});

describe.skipIf(serverUrl)('request budget on the embedded database (its own thread)', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'baylanys-budget-'));
  let db: Database;
  beforeAll(async () => {
    db = await openEmbeddedDatabase(path.join(tmp, 'pglite'));
    await db.exec('CREATE TABLE probe (n int)');
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    rmSync(tmp, { recursive: true, force: true });
  });
  const insert = (d: Database) => d.query('INSERT INTO probe VALUES (1)');

  /** Holds the database with an open transaction (as a recompute does) until `release`. */
  async function hold() {
    const gate = deferred<void>();
    const started = deferred<void>();
    const done = db.transaction(async (tx) => {
      await tx.query('SELECT 1');
      started.resolve();
      await gate.promise;
    });
    await started.promise;
    return { release: async () => { gate.resolve(); await done; } };
  }

  it('a queued statement of a request whose client hung up never runs', async () => {
    const t = appRunning(db, 60_000, insert);
    const r = await listen(t.app);
    try {
      const h = await hold();
      const req = startRequest(r);
      await t.reached();
      req.destroy();
      expect(await t.ended()).toMatchObject({ reason: 'client_gone' });
      await h.release();
      expect(await db.query('SELECT count(*)::int AS n FROM probe')).toEqual([{ n: 0 }]);
    } finally {
      await r.close();
    }
  });

  it('a request over its budget gets 504 time_budget_exceeded and its queued statement never runs', async () => {
    const t = appRunning(db, 300, insert);
    const h = await hold();
    const res = await supertest(t.app).post('/test/run').expect(504);
    expect(res.body.error.code).toBe('time_budget_exceeded');
    await h.release();
    expect(await t.ended()).toBeInstanceOf(StatementCancelled);
    expect(await db.query('SELECT count(*)::int AS n FROM probe')).toEqual([{ n: 0 }]);
    // With nothing holding it, the same request runs.
    t.next();
    await supertest(t.app).post('/test/run').expect(200);
    expect(await db.query('SELECT count(*)::int AS n FROM probe')).toEqual([{ n: 1 }]);
  });
});
