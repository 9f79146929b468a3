// Every role against every endpoint: the rules of access/policy.ts plus the routes actually
// mounted on the app. Allowed means the gate let the request through (status not 401/403);
// denied means 401 (anonymous) or 403. A mounted route missing from the policy fails the suite.
import express, { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allows, findRule, isGuardedPath, POLICY, type Method } from '../../server/src/access/policy.ts';
import { SUBJECTS, type Subject } from '../../server/src/access/roles.ts';
import { createSession, SESSION_COOKIE } from '../../server/src/access/sessions.ts';
import { bearerFor, createUser, listen, mountedRoutes, probe, testApp, type Running } from '../support/auth.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

let db: TestDatabase;
let running: Running;
let app: express.Express;
const userIds = new Map<Subject, number>();
let metricsBearer = '';

beforeAll(async () => {
  db = await openTestDatabase();
  app = testApp(db);
  running = await listen(app);
  for (const role of ['admin', 'planner', 'partner', 'site'] as const) userIds.set(role, (await createUser(db, role)).user.id);
  metricsBearer = await bearerFor(db, 'metrics');
});
afterAll(async () => {
  await running?.close();
  await db?.close();
});

/** A concrete path for a pattern: ids that exist nowhere, so handlers answer 404/400, never change data. */
function samplePath(pattern: string): string {
  return pattern.replace(/:[A-Za-z]+/g, '999999').replace(/\/\*$/, '/sample');
}

/** Headers that make `subject` the caller: a fresh session per request (logout cannot spoil the next). */
async function headersFor(subject: Subject): Promise<Record<string, string>> {
  const h: Record<string, string> = { Origin: running.url };
  if (subject === 'metrics') h.Authorization = metricsBearer;
  else if (subject !== 'anonymous') {
    const s = await createSession(db, userIds.get(subject)!);
    h.Cookie = `${SESSION_COOKIE}=${s.id}`;
  }
  return h;
}

type Case = { method: Method; path: string; from: string };

function policyCases(): Case[] {
  return POLICY.flatMap((r) => r.methods.map((method) => ({ method, path: samplePath(r.path), from: `policy ${r.path}` })));
}

function mountedCases(): Case[] {
  return mountedRoutes(app)
    .filter((r) => isGuardedPath(r.path))
    .map((r) => ({ method: r.method as Method, path: samplePath(r.path), from: `mounted ${r.path}` }));
}

/** The web app's own pages: public by design, served outside the guarded prefixes. */
const WEB_PAGES = new Set(['GET /s/:token', 'GET /.*/']);

describe('mounted routes', () => {
  it('all sit under a guarded prefix (or are web pages) and are listed in the policy', () => {
    const routes = mountedRoutes(app);
    expect(routes.length).toBeGreaterThan(5);
    const outside = routes.filter((r) => !isGuardedPath(r.path) && !WEB_PAGES.has(`${r.method} ${r.path}`));
    expect(outside, 'routes outside /api, /ogc, /tiles, /metrics bypass the access gate').toEqual([]);
    const unlisted = routes.filter((r) => isGuardedPath(r.path) && !findRule(r.method, r.path));
    expect(unlisted, 'add these to server/src/access/policy.ts').toEqual([]);
  });

  it('the check notices an unlisted route, and the gate refuses it (default deny)', async () => {
    const extra = () => Router().get('/api/brand-new', (_req, res) => { res.json({ leaked: true }); });
    const { createApp } = await import('../../server/src/http/app.ts');
    const { loadConfig } = await import('../../server/src/config.ts');
    const { createLogger } = await import('../../server/src/logger.ts');
    const bigger = createApp({ db, config: loadConfig({}), logger: createLogger('silent'), versions: {} }, [extra]);
    expect(mountedRoutes(bigger).filter((r) => isGuardedPath(r.path) && !findRule(r.method, r.path))).toEqual([{ method: 'GET', path: '/api/brand-new' }]);
    const r = await listen(bigger);
    try {
      const res = await probe(r, 'GET', '/api/brand-new', { Authorization: await bearerFor(db, 'admin') });
      expect(res.status).toBe(403);
    } finally {
      await r.close();
    }
  });

  it('reads the prefix of a router mounted at a path', () => {
    const a = express();
    a.use('/ogc', Router().get('/collections/:id/items', (_q, s) => { s.end(); }));
    expect(mountedRoutes(a)).toEqual([{ method: 'GET', path: '/ogc/collections/:id/items' }]);
  });
});

describe('site staff and their own sites', () => {
  it('the gate answers 404 for another school\'s site, whatever the handler does', async () => {
    const own = await createUser(db, 'site', { siteIds: ['S1'] });
    const s = await createSession(db, own.user.id);
    const h = { Cookie: `${SESSION_COOKIE}=${s.id}` };
    for (const path of ['/api/sites/S2', '/api/sites/S2/availability', '/api/sites/S2/traffic', '/api/sites/S%32/outages']) {
      const res = await probe(running, 'GET', path, h);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toMatch(/site 'S2' not found/);
    }
    const mine = await probe(running, 'GET', '/api/sites/S1/availability', h);
    expect([401, 403]).not.toContain(mine.status);
  });
});

describe('every rule is reachable (no rule hidden behind an earlier one)', () => {
  it.each(POLICY.flatMap((r) => r.methods.map((m) => [m, r.path] as const)))('%s %s', (method, path) => {
    expect(findRule(method, samplePath(path))?.path).toBe(path);
  });
});

describe.each(SUBJECTS.map((s) => [s]))('as %s', (subject) => {
  it('each endpoint lets the caller in exactly when the policy allows it', async () => {
    const seen = new Set<string>();
    const wrong: string[] = [];
    for (const c of [...policyCases(), ...mountedCases()]) {
      const key = `${c.method} ${c.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const rule = findRule(c.method, c.path);
      const expected = !!rule && allows(rule, subject);
      const body = c.method === 'GET' ? undefined : '{}';
      const res = await probe(running, c.method, c.path, await headersFor(subject), body);
      const got = ![401, 403].includes(res.status);
      if (got !== expected) wrong.push(`${key} (${c.from}): expected ${expected ? 'allowed' : 'denied'}, got ${res.status} ${await res.text()}`);
      // The gate says 401 to anonymous callers and 403 to signed-in ones, never the other way round.
      if (!got) expect(res.status, key).toBe(subject === 'anonymous' && rule ? 401 : 403);
      if (res.status >= 500) wrong.push(`${key}: server error ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });
});
