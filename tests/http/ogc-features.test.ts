// OGC API – Features under /ogc: the contract itself (supertest), then a real client (GDAL's OAPIF
// driver via ogrinfo) listing and reading the collections from the app on a free port.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { promisify } from 'node:util';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { createApp } from '../../server/src/http/app.ts';
import { createLogger } from '../../server/src/logger.ts';
import { parseParameters } from '../../server/src/planning/parameters.ts';
import { recompute } from '../../server/src/planning/recompute.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { requirePeer } from '../support/peers.ts';
import { bearerFor } from '../support/auth.ts';
import { insertFixture } from '../db/planning-support/fixture.ts';

const run = promisify(execFile);
let db: TestDatabase;
let app: ReturnType<typeof createApp>;
let auth = '';
const get = (path: string) => request(app).get(path).set('Authorization', auth);

beforeAll(async () => {
  db = await openTestDatabase();
  await insertFixture(db);
  await recompute(db, parseParameters({ baseYear: 2026 }));
  app = createApp({ db, config: loadConfig({}), logger: createLogger('silent'), versions: {} });
  auth = await bearerFor(db, 'planner');
});
afterAll(async () => db?.close());

describe('OGC API – Features', () => {
  it('has a landing page, conformance and collections with items links', async () => {
    const landing = (await get('/ogc').expect(200)).body;
    expect(landing.links.map((l: { rel: string }) => l.rel)).toEqual(['self', 'conformance', 'data']);
    const conf = (await get('/ogc/conformance').expect(200)).body;
    expect(conf.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson');
    const cols = (await get('/ogc/collections').expect(200)).body.collections;
    const ids = cols.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['facilities', 'fibre_routes', 'fibre_pops', 'mobile_coverage', 'settlements', 'gaps']));
    expect(cols.find((c: { id: string }) => c.id === 'gaps').links[1]).toMatchObject({ rel: 'items', type: 'application/geo+json' });
  });

  it('pages items with limit/offset and a next link, and filters by bbox', async () => {
    const res = await get('/ogc/collections/gaps/items?limit=2').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/geo\+json/);
    const fc = JSON.parse(res.text);
    expect(fc).toMatchObject({ type: 'FeatureCollection', numberMatched: 8, numberReturned: 2 });
    expect(fc.features.map((f: { id: string }) => f.id)).toEqual(['f5', 'f4']);
    const next = fc.links.find((l: { rel: string }) => l.rel === 'next');
    expect(new URL(next.href).search).toBe('?limit=2&offset=2');
    const last = JSON.parse((await get('/ogc/collections/gaps/items?limit=2&offset=6').expect(200)).text);
    expect(last.links.find((l: { rel: string }) => l.rel === 'next')).toBeUndefined();
    const inBox = JSON.parse((await get('/ogc/collections/facilities/items?bbox=69.9,49.9,70.2,50.0').expect(200)).text);
    expect(inBox.features.map((f: { id: string }) => f.id)).toEqual(['f1', 'f2', 'f4', 'f6']);
    const one = JSON.parse((await get('/ogc/collections/gaps/items/f1').expect(200)).text);
    expect(one.properties).toMatchObject({ rank: 4, gap_class: 'lit_village', technology: 'fibre' });
    await get('/ogc/collections/nope/items').expect(404);
  });

  it('is listed and read by GDAL (ogrinfo OAPIF)', async () => {
    const ogrinfo = requirePeer('ogrinfo', 'apt-get install gdal-bin');
    if (!ogrinfo) return;
    const server: Server = await new Promise((ok) => {
      const s = app.listen(0, '127.0.0.1', () => ok(s));
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'baylanys-ogc-'));
    try {
      const url = `OAPIF:http://127.0.0.1:${(server.address() as AddressInfo).port}/ogc`;
      // GDAL sends the planner's token from a header file (GDAL_HTTP_HEADER_FILE, GDAL ≥ 2.3).
      const headerFile = path.join(dir, 'headers.txt');
      writeFileSync(headerFile, `Authorization: ${auth}\n`, { mode: 0o600 });
      const env = { ...process.env, GDAL_HTTP_TIMEOUT: '20', CPL_DEBUG: 'OFF', GDAL_HTTP_HEADER_FILE: headerFile };
      const list = await run(ogrinfo, ['-ro', '-so', url], { env, timeout: 60_000 });
      expect(list.stdout).toMatch(/^\d+: gaps \(title: .*\) \(Point\)$/m);
      expect(list.stdout).toMatch(/fibre_routes/);
      const read = await run(ogrinfo, ['-ro', '-al', '-q', url, 'gaps'], { env, timeout: 60_000 });
      const fids = [...read.stdout.matchAll(/facility_id \(String\) = (\S+)/g)].map((m) => m[1]);
      // Out-of-scope facilities are listed (in_scope false), after the ranked ones.
      expect(fids).toEqual(['f5', 'f4', 'f2', 'f1', 'f3', 'f9', 'f7', 'f8']);
      expect(read.stdout).toMatch(/POINT \(71 49\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await new Promise((ok) => server.close(ok));
    }
  });
});
