// Issue 11 item 5 (part): /api/health answers while the database is held by long work. Before the
// fix a probe waited behind the recompute (42.5 s during a 45.8 s recompute on the embedded backend).
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.ts';
import express from 'express';
import { setPrincipal } from '../../server/src/http/request-principal.ts';
import { loadConfig } from '../../server/src/config.ts';
import { errorHandler } from '../../server/src/http/errors.ts';
import { healthRoutes } from '../../server/src/http/health-routes.ts';
import { createLogger } from '../../server/src/logger.ts';
import { testApp } from '../support/auth.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

let db: TestDatabase;

/** The health router alone, as a signed-in caller sees it (anonymous callers get only `status`). */
function healthApp(database: Database) {
  const logger = createLogger('silent');
  return express()
    .use((req, _res, next) => {
      setPrincipal(req, { kind: 'session', userId: 1, email: 'planner@test', role: 'planner', regions: [], siteIds: [] });
      next();
    })
    .use(healthRoutes({ db: database, config: loadConfig({}), logger, versions: {} }))
    .use(errorHandler(logger));
}
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

describe('GET /api/health while the database is busy', () => {
  it('answers with the last known figures, marked busy, instead of waiting', async () => {
    let hold = false;
    const held: Database = {
      ...db,
      // While `hold` is set every query waits forever, as behind a recompute's transaction.
      query: (sql, params) => (hold ? new Promise(() => {}) : db.query(sql, params)),
    };
    const app = healthApp(held);
    const first = await supertest(app).get('/api/health').expect(200);
    expect(first.body.busy).toBeUndefined();
    hold = true;
    // Past the freshness window the figures are read again; that read never ends.
    await new Promise((r) => setTimeout(r, 5_100));
    const busy = await supertest(app).get('/api/health').expect(200);
    expect(busy.body).toMatchObject({ status: 'ok', busy: true, backend: db.backend });
    expect(busy.body.layers).toEqual(first.body.layers);
  });

  it('answers even when the database was busy from the start, through the gate too (anonymous: status only)', async () => {
    const stuck: Database = { ...db, query: () => new Promise(() => {}) };
    expect((await supertest(healthApp(stuck)).get('/api/health').expect(200)).body).toMatchObject({ status: 'ok', busy: true });
    expect((await supertest(testApp(stuck)).get('/api/health').expect(200)).body).toEqual({ status: 'ok' });
  });
});
