// Issue 11 item 2: every mounted data route, walked as a partner limited to one region (T1) and as a
// site account limited to one site, through the real access gate. Any facility, site or region of
// someone else in any response (JSON, CSV, HTML, GeoJSON, vector tiles, the SSE stream) fails the
// suite, and so does a mounted GET route the walk does not know how to call. Before the fix the
// facility tiles, the OGC and layer `facilities` collections leaked other regions' rows and the
// runs list gave partners the national totals.
import { request as httpRequest } from 'node:http';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGuardedPath } from '../../server/src/access/policy.ts';
import { LAYER_NAMES } from '../../server/src/data/layers.ts';
import { TILE_LAYER_NAMES } from '../../server/src/http/tile-layers.ts';
import { siteStatusEvents } from '../../server/src/monitoring/status-events.ts';
import { bearerFor, listen, mountedRoutes, testApp, type Running } from '../support/auth.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addSite } from '../db/monitoring-fixtures.ts';
import { insertFixture } from '../db/planning-support/fixture.ts';
import { tileOf } from './tile-fixture.ts';

let db: TestDatabase;
let app: express.Express;
let running: Running;
let planner = '';

type Who = { name: string; bearer: string; own: string[]; foreign: string[] };
const callers: Who[] = [];

// The planning fixture: region T1 (f1–f4, f6 by settlement or location), T2 (f7), f5 in none.
// Sites: one on f1 (the site account's), one on f3 (same region, someone else's), one on f7 (T2).
const SITES = { own: 'site-own', sameRegion: 'site-neighbour', far: 'site-far' } as const;

beforeAll(async () => {
  db = await openTestDatabase();
  await insertFixture(db);
  app = testApp(db);
  running = await listen(app);
  planner = await bearerFor(db, 'planner');
  await request(app).post('/api/plan/recompute?wait=true').set('Authorization', planner).send({}).expect(200);
  await addSite(db, SITES.own, { facilityId: 'f1' });
  await addSite(db, SITES.sameRegion, { facilityId: 'f3' });
  await addSite(db, SITES.far, { facilityId: 'f7' });
  await db.exec(`UPDATE site_state SET status = 'up'`);
  for (const name of ['walk', 'walk2']) {
    await request(app).post('/api/scenarios').set('Authorization', planner).send({ name, budgetKzt: 1e12 }).expect(201);
    await request(app).post(`/api/scenarios/${name}/run?wait=true`).set('Authorization', planner).send({}).expect(200);
  }

  const facilities = await db.query<{ id: string; region: string | null }>(`
    SELECT f.id, coalesce(pr.admin1_id, se.admin1_id) AS region
    FROM facility f LEFT JOIN plan_result pr ON pr.facility_id = f.id LEFT JOIN settlement se ON se.id = f.settlement_id`);
  const inT1 = facilities.filter((f) => f.region === 'T1').map((f) => f.id);
  const outT1 = facilities.filter((f) => f.region !== 'T1').map((f) => f.id);
  expect(inT1).toContain('f1');
  expect(outT1).toEqual(expect.arrayContaining(['f7']));
  callers.push({
    name: 'partner T1',
    bearer: await bearerFor(db, 'partner', { regions: ['T1'] }),
    own: ['f1', SITES.own],
    foreign: [...outT1, SITES.far, 'T2', 'T2-01'],
  });
  callers.push({
    name: 'site account',
    bearer: await bearerFor(db, 'site', { siteIds: [SITES.own] }),
    own: ['f1', SITES.own],
    foreign: [...facilities.map((f) => f.id).filter((id) => id !== 'f1'), SITES.sameRegion, SITES.far],
  });
});
afterAll(async () => {
  await running?.close();
  await db?.close();
});

const FACILITY_POINTS: Array<[number, number]> = [[70.0, 49.95], [70.1, 50.05], [71.0, 49.0], [72.0, 51.0]];
const ZOOMS = [2, 5, 7, 9, 12];

/** Concrete URLs for a mounted GET route pattern; undefined = the walk does not know it (fails). */
function urlsFor(pattern: string, facilityIds: string[]): string[] | undefined {
  const tiles = [...new Set(ZOOMS.flatMap((z) => FACILITY_POINTS.map(([lon, lat]) => tileOf(lon, lat, z).join('/'))))];
  const sites = Object.values(SITES);
  const table: Record<string, () => string[]> = {
    '/api/layers/:layer': () => LAYER_NAMES.map((l) => `/api/layers/${l}`),
    '/tiles/:layer/:z/:x/:y.pbf': () => TILE_LAYER_NAMES.flatMap((l) => tiles.map((t) => `/tiles/${l}/${t}.pbf`)),
    '/ogc/collections/:id': () => [...LAYER_NAMES, 'gaps'].map((c) => `/ogc/collections/${c}`),
    '/ogc/collections/:id/items': () => [...LAYER_NAMES, 'gaps'].map((c) => `/ogc/collections/${c}/items?limit=10000`),
    '/ogc/collections/:id/items/:fid': () => ['facilities', 'gaps'].flatMap((c) => facilityIds.map((f) => `/ogc/collections/${c}/items/${f}`)),
    '/api/gaps/:facilityId': () => facilityIds.map((f) => `/api/gaps/${f}`),
    '/api/gaps': () => ['/api/gaps?limit=500'],
    '/api/trenches': () => ['s-aqsu', 's-kok', 's-bel', 's-far'].map((s) => `/api/trenches?settlement=${s}`),
    '/api/sites/:id': () => sites.map((s) => `/api/sites/${s}`),
    '/api/sites/:id/availability': () => sites.map((s) => `/api/sites/${s}/availability`),
    '/api/sites/:id/outages': () => sites.map((s) => `/api/sites/${s}/outages`),
    '/api/sites/:id/traffic': () => sites.map((s) => `/api/sites/${s}/traffic`),
    '/api/scenarios/compare': () => ['/api/scenarios/compare?names=walk,walk2'],
    '/api/users/:id': () => ['/api/users/1'],
    '/api/jobs/:id': () => ['/api/jobs/none'], // staff only: partners and site staff are refused
    '/api/share/:token': () => [], // public by design: a share link is a capability an admin hands out
    '/api/sites/events': () => [], // a stream: walked separately below
    '/api/reports/*': () => ['/api/reports/sla?month=2026-01'],
    '/api/reports/sites/:id': () => sites.map((s) => `/api/reports/sites/${s}`),
  };
  const hit = table[pattern];
  if (hit) return hit();
  if (pattern.includes('/api/scenarios/:name')) return [pattern.replace(':name', 'walk')];
  if (/[:*]/.test(pattern)) return undefined;
  return [pattern];
}

const REGION_MARKERS = new Set(['T2', 'T2-01']);
const BASEMAP = new Set<string>([...LAYER_NAMES, ...TILE_LAYER_NAMES].filter((l) => l !== 'facilities'));
const isBasemap = (url: string) => {
  const m = /^\/(?:api\/layers|ogc\/collections|tiles)\/([a-z0-9_]+)/.exec(url);
  return !!m && BASEMAP.has(m[1]!);
};

/** Ids as whole tokens: 'f1' must not match inside 'f10' or 'xf1'. */
const token = (id: string) => new RegExp(`(?<![A-Za-z0-9_-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_-])`);

async function body(url: string, bearer: string): Promise<{ status: number; text: string }> {
  const res = await request(app).get(url).set('Authorization', bearer).buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  });
  // Vector tiles keep their strings as UTF-8 bytes: the raw bytes are searchable as text.
  return { status: res.status, text: (res.body as Buffer).toString('utf8') };
}

describe('access walk: every mounted data route, as a partner and a site account', () => {
  it('knows how to call every mounted GET route', async () => {
    const facilityIds = (await db.query<{ id: string }>('SELECT id FROM facility')).map((r) => r.id);
    const unknown = mountedRoutes(app).filter((r) => r.method === 'GET' && isGuardedPath(r.path) && !urlsFor(r.path, facilityIds));
    expect(unknown, 'teach urlsFor() how to call these routes').toEqual([]);
  });

  for (const which of [0, 1]) {
    it(`${which === 0 ? 'partner (one region)' : 'site account (one site)'}: no row of another region or site anywhere`, { timeout: 600_000 }, async () => {
      const who = callers[which]!;
      const facilityIds = (await db.query<{ id: string }>('SELECT id FROM facility')).map((r) => r.id);
      const routes = mountedRoutes(app).filter((r) => r.method === 'GET' && isGuardedPath(r.path));
      const leaks: string[] = [];
      const sawOwn = new Set<string>();
      let calls = 0;
      for (const route of routes) {
        for (const url of urlsFor(route.path, facilityIds) ?? []) {
          const { status, text } = await body(url, who.bearer);
          calls++;
          expect(status, `${url} answered ${status}`).toBeLessThan(500);
          for (const id of who.foreign) {
            // An error may echo the id the caller asked for; a basemap layer (settlements, roads …)
            // is alike for everyone and names regions, but never a facility or a site.
            if (status >= 400 && token(id).test(url)) continue;
            if (REGION_MARKERS.has(id) && isBasemap(url)) continue;
            if (token(id).test(text)) leaks.push(`${url} (${status}) shows ${id}`);
          }
          if (status === 200 && who.own.some((id) => token(id).test(text))) sawOwn.add(route.path);
        }
      }
      expect(leaks, `${who.name} sees rows outside its scope`).toEqual([]);
      expect(calls).toBeGreaterThan(200);
      // The walk is not vacuous: the caller's own facility is on its map, in its layers and OGC.
      expect([...sawOwn]).toEqual(expect.arrayContaining(['/tiles/:layer/:z/:x/:y.pbf', '/api/layers/:layer']));
      if (which === 0) expect([...sawOwn]).toEqual(expect.arrayContaining(['/ogc/collections/:id/items', '/api/gaps']));
    });
  }

  it('site accounts get their facility on the map without plan results (gap class, rank …)', async () => {
    const [z, x, y] = tileOf(70.0, 49.95, 12);
    const site = await body(`/tiles/facilities/${z}/${x}/${y}.pbf`, callers[1]!.bearer);
    expect(site.text).toMatch(token('f1'));
    expect(site.text).not.toMatch(/gap_class|technology|priority/);
    const partner = await body(`/tiles/facilities/${z}/${x}/${y}.pbf`, callers[0]!.bearer);
    expect(partner.text).toMatch(/gap_class/);
  });

  it('a tile cached for a planner is not served to a partner (the cache key holds the scope)', async () => {
    const [z, x, y] = tileOf(72.0, 51.0, 12);
    const url = `/tiles/facilities/${z}/${x}/${y}.pbf`;
    const full = await body(url, planner);
    expect(full.text).toMatch(token('f7'));
    const partner = await request(app).get(url).set('Authorization', callers[0]!.bearer);
    const planned = await request(app).get(url).set('Authorization', planner);
    expect(partner.headers.etag).not.toBe(planned.headers.etag);
    expect(partner.headers['cache-control']).toMatch(/^private/);
    expect((await body(url, callers[0]!.bearer)).text).not.toMatch(token('f7'));
  });

  it('partners get a scenario runs list without national totals', async () => {
    const runs = await request(app).get('/api/scenarios/walk/runs').set('Authorization', callers[0]!.bearer).expect(200);
    expect(runs.body.items.length).toBeGreaterThan(0);
    for (const item of runs.body.items) {
      expect(item).not.toHaveProperty('totalCostKzt');
      expect(item).not.toHaveProperty('beneficiaries');
    }
    const staff = await request(app).get('/api/scenarios/walk/runs').set('Authorization', planner).expect(200);
    expect(staff.body.items[0]).toHaveProperty('totalCostKzt');
  });

  for (const which of [0, 1]) {
    it(`SSE /api/sites/events streams only ${which === 0 ? "the partner's" : "the site account's"} sites`, async () => {
      const who = callers[which]!;
      const { hostname, port } = new URL(running.url);
      const text = await new Promise<string>((resolve, reject) => {
        const req = httpRequest({ hostname, port, path: '/api/sites/events', headers: { Authorization: who.bearer } }, (res) => {
          let got = '';
          res.on('data', (c: Buffer) => (got += c.toString('utf8')));
          setTimeout(() => {
            for (const siteId of Object.values(SITES)) siteStatusEvents.emit('status', { siteId, status: 'down', at: new Date().toISOString() });
          }, 100);
          setTimeout(() => {
            req.destroy();
            resolve(got);
          }, 600);
        });
        req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
        req.end();
      });
      expect(text).toMatch(token(SITES.own));
      for (const id of who.foreign) expect(text).not.toMatch(token(id));
    });
  }
});
