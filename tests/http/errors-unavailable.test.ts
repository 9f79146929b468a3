// Issue 11 item 5: a malformed percent-encoding in any path is the caller's mistake (400
// malformed_url, no error-level log), and an unreachable database is 503 database_unavailable with
// Retry-After, not 500 "internal error". Before the fix both were 500 with a logged stack trace.
import pg from 'pg';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.ts';
import { isDatabaseUnavailable } from '../../server/src/db/unavailable.ts';
import { bearerFor, captureLogs, mountedRoutes, testApp } from '../support/auth.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

describe('malformed percent-encoding', () => {
  it('every mounted route with a path parameter answers 400 malformed_url, logging no error', async () => {
    const logs = captureLogs();
    const app = testApp(db, { logger: logs.logger });
    const admin = await bearerFor(db, 'admin');
    const paths = mountedRoutes(app)
      .filter((r) => r.method === 'GET' && /:[A-Za-z]/.test(r.path))
      .map((r) => r.path.replace(/:[A-Za-z]+/, '%FF').replace(/:[A-Za-z]+/g, '1'));
    expect(paths.length).toBeGreaterThan(10);
    for (const path of [...paths, '/api/gaps/%E0%A4%A', '/api/nothing/%']) {
      const res = await supertest(app).get(path).set('Authorization', admin);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code, path).toBe('malformed_url');
    }
    expect(logs.lines.filter((l) => JSON.parse(l).level >= 50)).toEqual([]);
  });
});

describe('database unreachable', () => {
  // A real node-postgres pool pointed at a port where nothing listens: the errors are the genuine
  // ones a stopped PostgreSQL gives (ECONNREFUSED), on either backend under test.
  const pool = new pg.Pool({ connectionString: 'postgres://baylanys:baylanys@127.0.0.1:1/none', connectionTimeoutMillis: 2000 });
  pool.on('error', () => {});
  const down: Database = {
    backend: 'postgres',
    query: async (sql, params) => (await pool.query(sql, params as unknown[])).rows,
    exec: async (sql) => void (await pool.query(sql)),
    copyFrom: () => Promise.reject(new Error('not used')),
    transaction: () => Promise.reject(new Error('not used')),
    close: () => pool.end(),
  };
  afterAll(() => pool.end());

  it('answers 503 database_unavailable with Retry-After on API calls and health, logged as a warning', async () => {
    const logs = captureLogs();
    const app = testApp(down, { logger: logs.logger });
    for (const [path, auth] of [['/api/health', undefined], ['/api/gaps', 'Bearer bly_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']] as const) {
      const r = supertest(app).get(path);
      const res = await (auth ? r.set('Authorization', auth) : r);
      expect(res.status, path).toBe(503);
      expect(res.body.error.code).toBe('database_unavailable');
      expect(res.headers['retry-after']).toBe('5');
    }
    expect(logs.lines.filter((l) => JSON.parse(l).level >= 50)).toEqual([]);
  });

  it('tells connection failures from query faults', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(isDatabaseUnavailable(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]))).toBe(true);
  });
});
