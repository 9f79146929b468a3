// Hostile requests against the endpoints that exist: SQL injection in every filter, oversize and
// malformed bodies, path traversal, CSV formulas, and a fast-check fuzz of the query filters.
// Expected: a specific 4xx where the input is invalid, 200 where it is just odd text, never 5xx.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, listen, mountedRoutes, probe, testApp, type Running } from '../support/auth.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

let db: TestDatabase;
let running: Running;
let admin: string;
let mounted: Set<string>;

beforeAll(async () => {
  db = await openTestDatabase();
  await db.exec(`
    INSERT INTO dataset (id, layer, title, licence, provenance) VALUES ('t', 'settlements', 'test', 'ODbL 1.0', 'real');
    INSERT INTO settlement (id, name, geom, dataset_id, provenance) VALUES
      ('s1', 'Ақсу', ST_SetSRID(ST_MakePoint(70, 50), 4326), 't', 'real');`);
  const app = testApp(db, { access: { rateLimits: { loginPerIp: 1000, loginPerAccount: 1000, heavyPerMinute: 1000, exportPerMinute: 1000 } } });
  mounted = new Set(mountedRoutes(app).map((r) => `${r.method} ${r.path}`));
  running = await listen(app);
  admin = await bearerFor(db, 'admin');
});
afterAll(async () => {
  await running?.close();
  await db?.close();
});

const get = (path: string, headers: Record<string, string> = { Authorization: admin }) => probe(running, 'GET', path, headers);

const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE app_user; --",
  '1; SELECT pg_sleep(5)',
  '" OR ""="',
  '1 UNION SELECT password_hash FROM app_user --',
  "KZ15') OR ('1'='1",
  "%' --",
  '\\',
  '$1',
  ':email',
  "admin'/*",
  '${7*7}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
];

/**
 * Each endpoint's filters and the status an injection string must get: 400 where the filter has a
 * shape (number, enum, bbox, date), 200 where it is free text matched literally. Contracted routes
 * not yet mounted are skipped until their module lands; then they are covered automatically.
 */
type Endpoint = { route: string; path: string; filters: Record<string, 200 | 400 | 'any4xx' | 'ok-or-400'> };
const ENDPOINTS: Endpoint[] = [
  { route: '/api/layers/:layer', path: '/api/layers/settlements', filters: { bbox: 400, limit: 400, offset: 400 } },
  { route: '/api/users', path: '/api/users', filters: { role: 400, q: 200, limit: 400, offset: 400 } },
  { route: '/api/audit', path: '/api/audit', filters: { actor: 200, action: 200, target: 200, since: 400, until: 400, limit: 400, offset: 400 } },
  { route: '/api/tokens', path: '/api/tokens', filters: { all: 200 } },
  // Contracted (WORKING-RULES.md): free text may answer 200 (no match) or 400 (refused); never 5xx.
  // Exports are whole files: they may ignore limit/offset.
  ...['/api/gaps', '/api/gaps.csv', '/api/gaps.geojson'].map((p) => ({
    route: p, path: p,
    filters: {
      region: 'ok-or-400', kind: 'ok-or-400', gapClass: 'ok-or-400', technology: 'ok-or-400', q: 'ok-or-400', sort: 'ok-or-400', order: 'ok-or-400',
      limit: p === '/api/gaps' ? 400 : 'ok-or-400', offset: p === '/api/gaps' ? 400 : 'ok-or-400',
    } as Endpoint['filters'],
  })),
  { route: '/api/regions', path: '/api/regions', filters: { level: 400 } },
  { route: '/api/sites', path: '/api/sites', filters: {} },
  { route: '/api/sites/:id/availability', path: '/api/sites/1/availability', filters: { window: 'any4xx' } },
  { route: '/ogc/collections/:id/items', path: '/ogc/collections/facilities/items', filters: { bbox: 400, limit: 400, offset: 400 } },
];

function accepts(expected: Endpoint['filters'][string], status: number): boolean {
  if (expected === 'any4xx') return status >= 400 && status < 500;
  if (expected === 'ok-or-400') return status === 200 || status === 400;
  return status === expected;
}

describe('SQL injection strings in every filter', () => {
  for (const ep of ENDPOINTS) {
    it(`${ep.route}`, async () => {
      // Every endpoint in the corpus is mounted; one that disappears fails here instead of skipping.
      expect(mounted.has(`GET ${ep.route}`), `${ep.route} is not mounted`).toBe(true);
      const wrong: string[] = [];
      for (const [filter, expected] of Object.entries(ep.filters)) {
        for (const value of INJECTIONS) {
          const res = await get(`${ep.path}?${new URLSearchParams({ [filter]: value })}`);
          if (!accepts(expected, res.status)) wrong.push(`${filter}=${value}: ${res.status} ${(await res.text()).slice(0, 200)}`);
        }
      }
      expect(wrong).toEqual([]);
      // Nothing was dropped or rewritten.
      const [users] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user');
      expect(users!.n).toBeGreaterThan(0);
    });
  }

  it('in path parameters: 404 or 400, never a match or a 5xx', async () => {
    for (const value of INJECTIONS) {
      const e = encodeURIComponent(value);
      for (const path of [`/api/layers/${e}`, `/api/users/${e}`]) {
        const res = await get(path);
        expect([400, 404], `${path} → ${res.status}`).toContain(res.status);
      }
    }
  });

  it('as login and password: 401, tables intact', async () => {
    for (const value of INJECTIONS) {
      const res = await probe(running, 'POST', '/api/auth/login', {}, JSON.stringify({ email: value, password: value }));
      expect([400, 401], value).toContain(res.status);
    }
    const [users] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user');
    expect(users!.n).toBeGreaterThan(0);
  });

  it('repeated or nested query keys (arrays, objects) are 400 (or harmlessly read), not 500', async () => {
    const cases: Array<[string, number[]]> = [
      ['limit=1&limit=2', [400]],
      ['limit[]=1', [200, 400]], // qs gives ['1'] and Number(['1']) is 1: odd but harmless
      ['bbox[a]=1', [400]],
      ['offset[$gt]=0', [400]],
      ['bbox=1,2,3,4&bbox=5,6,7,8', [400]],
    ];
    for (const [qs, allowed] of cases) {
      const res = await get(`/api/layers/settlements?${qs}`);
      expect(allowed, `${qs} → ${res.status}`).toContain(res.status);
    }
    const res = await get('/api/users?q[$ne]=x');
    expect(res.status).toBe(400);
  });
});

describe('bodies', () => {
  it('over 1 MB → 413 (before authentication: nobody gets to make the server parse more)', async () => {
    const big = JSON.stringify({ email: 'a', password: 'x'.repeat(1_100_000) });
    expect((await probe(running, 'POST', '/api/auth/login', {}, big)).status).toBe(413);
    const users = JSON.stringify({ email: 'a@b.kz', role: 'planner', displayName: 'y'.repeat(2_000_000) });
    expect((await probe(running, 'POST', '/api/users', { Authorization: admin }, users)).status).toBe(413);
  });

  it('malformed JSON → 400 malformed_json', async () => {
    for (const body of ['{', '{"email": }', "{'email': 'a'}", '{"a":1}}', '\u0000']) {
      const res = await probe(running, 'POST', '/api/auth/login', {}, body);
      expect(res.status, body).toBe(400);
      expect(JSON.parse(await res.text()).error.code).toBe('malformed_json');
    }
  });

  it('deeply nested JSON → 4xx, not a crash', async () => {
    const deep = `{"email":${'['.repeat(100_000)}${']'.repeat(100_000)},"password":"x"}`;
    const res = await probe(running, 'POST', '/api/auth/login', {}, deep);
    expect(res.status).toBe(400);
  });

  it('NUL characters in a body or URL → 400 (PostgreSQL text cannot hold them)', async () => {
    expect((await probe(running, 'POST', '/api/auth/login', {}, JSON.stringify({ email: 'a\u0000', password: 'x' }))).status).toBe(400);
    expect((await get('/api/users?q=a%00b')).status).toBe(400);
  });

  it('prototype-pollution keys are refused by strict schemas', async () => {
    const res = await probe(running, 'POST', '/api/users', { Authorization: admin }, '{"email":"p@x.kz","role":"site","__proto__":{"role":"admin"}}');
    expect(res.status).toBe(400);
  });
});

describe('path traversal and routing tricks', () => {
  it.each([
    ['/api/layers/..%2F..%2Fetc%2Fpasswd', [401]],
    ['/api/layers/%2e%2e%2f%2e%2e%2fusers', [401]],
    ['/api/../api/users', [401, 403, 404]],
    ['/api/share/..%2F..%2Fapi%2Fusers', [400, 404]],
    // Not a guarded path, so the web app may answer with its page (200, or 503 before a build).
    ['//api/users', [401, 403, 404, 200, 503]],
    ['/API/USERS', [401]],
    ['/api/users/', [401]],
    ['/api/users%2F', [401, 403, 404]],
    ['/api/./users', [401, 403, 404]],
    ['/%2e%2e/%2e%2e/etc/passwd', [404, 200, 503]],
    ['/..%5c..%5cetc%5cpasswd', [404, 200, 503]],
  ])('anonymous GET %s → %j, never data', async (path, allowed) => {
    const res = await get(path, {});
    expect(allowed, `${path} → ${res.status}`).toContain(res.status);
    const text = await res.text();
    expect(text).not.toMatch(/root:|"email"|password_hash/);
  });

  it.each(['/api/layers/..%2F..%2Fetc%2Fpasswd', '/api/layers/%2e%2e%2f%2e%2e%2fusers', '/api/layers/..', '/api/layers/.%2e'])(
    'an administrator asking for layer %s gets 404',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toMatch(/root:/);
    },
  );
});

describe('CSV exports do not carry live formulas', () => {
  it('/api/gaps.csv', async () => {
    expect(mounted.has('GET /api/gaps.csv'), '/api/gaps.csv is not mounted').toBe(true);
    await db.exec(`INSERT INTO dataset (id, layer, title, licence, provenance) VALUES ('tf', 'facilities', 'test', 'CC0', 'illustrative')
                   ON CONFLICT DO NOTHING;
                   INSERT INTO facility (id, kind, name, name_ru, geom, dataset_id, provenance) VALUES
                   ('evil', 'school', '=HYPERLINK("http://evil.example","x")', '+cmd|calc', ST_SetSRID(ST_MakePoint(70, 50), 4326), 'tf', 'illustrative');`);
    if (mounted.has('POST /api/plan/recompute')) await probe(running, 'POST', '/api/plan/recompute?wait=true', { Authorization: admin }, '{}');
    const csv = await (await get('/api/gaps.csv')).text();
    expect(csv, 'the hostile facility must be in the export for this test to mean anything').toContain('HYPERLINK');
    // No cell (quoted or not) may start with a formula character.
    expect(csv).not.toMatch(/(^|,)"?[=+@]/m);
  });
});

describe('security headers', () => {
  it('CSP, no framing, nosniff, no X-Powered-By; secrets-bearing answers are not cached', async () => {
    const res = await get('/api/auth/me');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('fuzzing the query filters (fast-check)', () => {
  it('no 5xx for any filter value on any mounted endpoint', async () => {
    const endpoints = ENDPOINTS.filter((e) => mounted.has(`GET ${e.route}`) && Object.keys(e.filters).length > 0);
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.constantFrom(...INJECTIONS, '', ' ', '-0', '1e400', '99999999999999999999', '0.5', 'NaN', '١٢٣', '70,50,71,51', '180,90,-180,-90'),
      fc.integer({ min: -2, max: 10_000_000 }).map(String),
    );
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints), fc.dictionary(fc.string({ maxLength: 8 }), value, { maxKeys: 3 }), value, async (ep, extra, v) => {
        const filters = Object.keys(ep.filters);
        const params = new URLSearchParams(extra);
        params.set(filters[v.length % filters.length]!, v);
        const res = await get(`${ep.path}?${params}`);
        if (res.status >= 500) failures.push(`${ep.path}?${params} → ${res.status}`);
        return res.status < 500;
      }),
      { numRuns: 300 },
    );
    expect(failures).toEqual([]);
  });
});
