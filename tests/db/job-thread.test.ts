// Issue 11: a recompute's cost stage ran on the server thread and stalled every request for seconds
// (/api/health p99 4.6 s during a recompute). Jobs now run it on a thread of their own
// (jobs/job-thread.ts) whose statements reach the server's one database over a MessagePort
// (jobs/thread-database.ts). Same results as on the server thread, transactions and errors intact.
// The national sensitivity counts (seconds of CPU) run there too.
import { MessageChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withServer, type Database } from '../../server/src/db/database.ts';
import { runOnThread } from '../../server/src/jobs/job-thread.ts';
import { remoteDatabase, serveDatabase } from '../../server/src/jobs/thread-database.ts';
import { activeParameters } from '../../server/src/planning/active-parameters.ts';
import { facilityInputs } from '../../server/src/planning/input-cache.ts';
import { sensitivity } from '../../server/src/planning/sensitivity.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { insertFixture } from './planning-support/fixture.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
  await insertFixture(db);
});
afterAll(async () => db?.close());

describe('the database over a MessagePort', () => {
  it('queries, commits, rolls back and keeps SQLSTATE codes', async () => {
    const { port1, port2 } = new MessageChannel();
    serveDatabase(port1, db);
    const remote = remoteDatabase(port2, db.backend);
    await remote.exec('CREATE TABLE thread_probe (n int PRIMARY KEY)');
    await remote.transaction(async (tx) => {
      await tx.query('INSERT INTO thread_probe VALUES ($1)', [1]);
    });
    await expect(remote.transaction(async (tx) => {
      await tx.query('INSERT INTO thread_probe VALUES ($1)', [2]);
      throw new Error('stop');
    })).rejects.toThrow('stop');
    await expect(remote.query('INSERT INTO thread_probe VALUES (1)')).rejects.toMatchObject({ code: '23505' });
    expect(await db.query('SELECT n FROM thread_probe ORDER BY n')).toEqual([{ n: 1 }]);
    port1.close();
  });
});

describe('recompute on a job thread', () => {
  it('gives the same report as on the server thread and reports the cost stage', async () => {
    const stages: string[] = [];
    const report = await runOnThread(db, 'recompute', { params: await activeParameters(db), full: true }, (stage) => stages.push(stage));
    expect(report).toMatchObject({ facilities: 9, ranked: 7, orphans: 1, spatial: 'full', costs: 'recomputed' });
    expect(stages).toContain('costs');
    expect(await db.query('SELECT count(*)::int AS n FROM plan_result')).toEqual([{ n: 9 }]);
  });

  it('the thread stays for the next job (its input cache warm): a second run finds nothing re-measured', async () => {
    const report = await runOnThread(db, 'recompute', { params: await activeParameters(db), full: false }, () => {});
    expect(report).toMatchObject({ facilities: 9, spatial: 'unchanged' });
  });

  // Issue 11: on PostgreSQL the server thread parsed the job's rows and wrote its parameters (the
  // pg driver runs on the thread that calls it), blocking it for up to 0.9 s during a recompute.
  it('on PostgreSQL uses connections of its own: not one statement passes through the server thread', async () => {
    let relayed = 0;
    const counted: Database = {
      backend: db.backend,
      query: (sql, params) => (relayed++, db.query(sql, params)),
      exec: (sql) => (relayed++, db.exec(sql)),
      copyFrom: (sql, rows) => (relayed++, db.copyFrom(sql, rows)),
      transaction: (fn) => (relayed++, db.transaction(fn)),
      close: async () => {},
    };
    if (db.server) withServer(counted, db.server.url);
    const report = await runOnThread(counted, 'recompute', { params: await activeParameters(db), full: true }, () => {});
    expect(report).toMatchObject({ facilities: 9, ranked: 7 });
    if (db.backend === 'postgres') expect(relayed).toBe(0);
    else expect(relayed).toBeGreaterThan(0); // embedded: the one database thread is the server's
  });

  it('never shows the server URL (it holds the password) when the database is printed or copied', () => {
    const marked = withServer({ backend: 'postgres', query: async () => [], exec: async () => {}, copyFrom: async () => 0, transaction: (fn) => fn(marked), close: async () => {} } as Database,
      'postgres://baylanys:s3cret@db.example/baylanys');
    expect(marked.server?.url).toContain('s3cret');
    expect(JSON.stringify(marked)).not.toContain('s3cret');
    expect(JSON.stringify({ ...marked })).not.toContain('s3cret');
  });
});

describe('sensitivity counts on a job thread', () => {
  it('give the figures the pure sweep gives on the same inputs, for all regions and for one', async () => {
    const params = await activeParameters(db);
    const { inputs } = await facilityInputs(db);
    const direct = sensitivity(inputs, params);
    const onThread = await runOnThread(db, 'sensitivityCounts', { params, regions: null }, () => {});
    expect(onThread).toEqual({ ranges: direct.ranges, planned: direct.planned });
    const region = inputs.find((x) => x.admin1Id !== null)!.admin1Id!;
    const mine = sensitivity(inputs.filter((x) => x.admin1Id === region), params);
    expect(await runOnThread(db, 'sensitivityCounts', { params, regions: [region] }, () => {})).toEqual({ ranges: mine.ranges, planned: mine.planned });
    expect(await runOnThread(db, 'sensitivityCounts', { params, regions: [] }, () => {})).toMatchObject({ planned: 0 });
  });
});
