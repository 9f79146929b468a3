// DATABASE_READ_URL (issue 15): ranking pages, reports and tiles read from the replica; writes and
// anything that must see its own writes (a recompute, a login) stay on the primary. The replica
// here is the test database behind a recorder, so the test runs on both backends; .ci/run runs
// the whole API suite again against a real streaming replica.
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import type { Database, Queryable } from '../../server/src/db/database.ts';
import { createApp } from '../../server/src/http/app.ts';
import { createLogger } from '../../server/src/logger.ts';
import { bearerFor } from '../support/auth.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { insertFixture } from '../db/planning-support/fixture.ts';

let db: TestDatabase;
let app: ReturnType<typeof createApp>;
let planner = '';
const onReplica: string[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  await insertFixture(db);
  const replica: Queryable = {
    query: (sql, params) => { onReplica.push(sql); return db.query(sql, params); },
    exec: (sql) => { onReplica.push(sql); return db.exec(sql); },
    copyFrom: (sql, rows) => { onReplica.push(sql); return db.copyFrom(sql, rows); },
  };
  const withReplica: Database = { ...db, replica };
  app = createApp({ db: withReplica, config: loadConfig({}), logger: createLogger('silent'), versions: {} });
  planner = await bearerFor(db, 'planner');
});
afterAll(async () => db?.close());

it('a recompute writes on the primary; the ranking page then reads from the replica', async () => {
  await request(app).post('/api/plan/recompute?wait=true').set('Authorization', planner).send({ parameters: { baseYear: 2026 } }).expect(200);
  expect(onReplica.filter((q) => /INSERT|UPDATE|DELETE|COPY/i.test(q))).toEqual([]);
  const before = onReplica.length;
  const res = await request(app).get('/api/gaps').set('Authorization', planner).expect(200);
  expect(res.body.total).toBe(7);
  expect(onReplica.length).toBeGreaterThan(before);
});

it('an SLA report reads from the replica', async () => {
  const before = onReplica.length;
  await request(app).get('/api/reports/sla?by=operator&window=30d').set('Authorization', planner).expect(200);
  expect(onReplica.length).toBeGreaterThan(before);
});
