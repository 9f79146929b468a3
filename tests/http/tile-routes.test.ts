// GET /tiles/{layer}/{z}/{x}/{y}.pbf against a real database (embedded, or PostGIS with DATABASE_URL).
import { VectorTile } from '@mapbox/vector-tile';
import express from 'express';
import { PbfReader } from 'pbf';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setPrincipal } from '../../server/src/http/request-principal.ts';
import { errorHandler } from '../../server/src/http/errors.ts';
import { tileRoutes } from '../../server/src/http/tile-routes.ts';
import { createLogger } from '../../server/src/logger.ts';
import type { AppContext } from '../../server/src/http/context.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { FIXTURE, loadTileFixture, tileOf } from './tile-fixture.ts';

let db: TestDatabase;
let app: express.Express;

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function getTile(layer: string, [z, x, y]: [number, number, number]) {
  const res = await request(app).get(`/tiles/${layer}/${z}/${x}/${y}.pbf`).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  const tile = new VectorTile(new PbfReader(res.body as Buffer));
  const l = tile.layers[layer];
  const features = l ? Array.from({ length: l.length }, (_, i) => l.feature(i)) : [];
  return { res, features };
}

const asPlanner: express.RequestHandler = (req, _res, next) => {
  setPrincipal(req, { kind: 'session', userId: 1, email: 'planner@test', role: 'planner', regions: [], siteIds: [] });
  next();
};

beforeAll(async () => {
  db = await openTestDatabase();
  await loadTileFixture(db);
  const ctx = { db, logger: createLogger('silent'), config: {} as AppContext['config'], versions: {} } as AppContext;
  app = express();
  // Tiles are behind the access gate; this suite is about tiles as a planner sees them (all facilities
  // with plan results). Partners and site staff: tests/http/access-walk.test.ts.
  app.use(asPlanner);
  app.use(tileRoutes(ctx));
  app.use(errorHandler(ctx.logger));
});
afterAll(async () => db?.close());

describe('facility tiles', () => {
  it('at zoom 10 carry each facility with its names and provenance', async () => {
    const { features } = await getTile('facilities', tileOf(60.10, 49.95, 10));
    const ids = features.map((f) => f.properties.id).sort();
    // School 1, school 2 (0.01° east) and the library (0.01° north) share one z10 tile (0.35° wide, ~0.22° tall: 10/682/347).
    expect(ids).toEqual(['fx-library-1', 'fx-school-1', 'fx-school-2']);
    const s1 = features.find((f) => f.properties.id === 'fx-school-1')!;
    expect(s1.properties.name_kk).toBe(FIXTURE.facilities[0].name_kk);
    expect(s1.properties.provenance).toBe('illustrative');
    expect(s1.properties.kind).toBe('school');
  });

  it('at zoom 5 group the three village facilities into one cluster of 3 and keep the lone one plain', async () => {
    // At z5 a cluster cell is 360/32/8 = 1.406°, and ST_SnapToGrid rounds to the nearest multiple:
    // the village's points (60.10–60.11°E, 49.95–49.96°N) → cell (43, 36), the health post
    // (59.60°E, 49.20°N) → (42, 35). Both lie in tile 5/21/10.
    const { features } = await getTile('facilities', tileOf(60.10, 49.95, 5));
    const cluster = features.find((f) => f.properties.cluster === true)!;
    expect(cluster.properties.point_count).toBe(3);
    expect(cluster.properties.illustrative).toBe(true);
    const lone = features.find((f) => f.properties.id === 'fx-health-1')!;
    expect(lone.properties.cluster).toBeUndefined();
    expect(lone.properties.kind).toBe('health');
    expect(features).toHaveLength(2);
  });
});

describe('basemap tiles', () => {
  it('thin settlements at zoom 5 to the city and show the village and hamlet at zoom 11', async () => {
    const low = await getTile('settlements', tileOf(57.17, 50.28, 5));
    expect(low.features.map((f) => f.properties.id)).toEqual(['fx-s-aktobe']);
    const high = await getTile('settlements', tileOf(60.105, 49.955, 11));
    expect(high.features.map((f) => f.properties.id)).toEqual(['fx-s-karabutak']);
    expect(high.features[0]!.properties.name_kk).toBe('Қарабұтақ');
  });

  it('clip the oblast polygon and the fibre route to the tile', async () => {
    const admin = await getTile('admin1', tileOf(60, 48, 6));
    expect(admin.features).toHaveLength(1);
    expect(admin.features[0]!.type).toBe(3);
    expect(admin.features[0]!.properties.name_ru).toBe('Актюбинская');
    const fibre = await getTile('fibre_routes', tileOf(60.105, 49.955, 8));
    expect(fibre.features.map((f) => f.properties.id)).toEqual(['fx-route-1']);
    expect(fibre.features[0]!.type).toBe(2);
  });

  it('return an empty tile over the ocean', async () => {
    const { features } = await getTile('facilities', [4, 0, 0]);
    expect(features).toEqual([]);
  });
});

describe('caching and errors', () => {
  it('answer 304 to a matching If-None-Match and change the ETag when the layer version changes', async () => {
    const path = `/tiles/facilities/${tileOf(60.1, 49.95, 10).join('/')}.pbf`;
    const first = await request(app).get(path);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{20}"$/);
    expect((await request(app).get(path).set('If-None-Match', etag)).status).toBe(304);
    await db.query(`UPDATE layer_version SET version = version + 1 WHERE layer = 'facilities'`);
    await new Promise((r) => setTimeout(r, 1_100)); // versions are looked up at most once a second
    const after = await request(app).get(path).set('If-None-Match', etag);
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
  });

  it('reject an unknown layer with 404 and a tile outside the pyramid with 400', async () => {
    const unknown = await request(app).get('/tiles/secrets/0/0/0.pbf');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/tile layer 'secrets'/);
    const outside = await request(app).get('/tiles/facilities/2/4/0.pbf');
    expect(outside.status).toBe(400);
    expect(outside.body.error.details[0].field).toBe('z/x/y');
  });
});

describe('facility tiles with gap-engine results', () => {
  it('carry gap class, technology and a priority from the rank once plan_result exists', async () => {
    // The gap engine's tables (migrations 010 and 042: the rank lives in plan_rank).
    await db.exec(`
      INSERT INTO plan_result (facility_id, name, search_text, kind, gap_class, technology, beneficiaries, score, provenance, geom)
      SELECT id, name, lower(name), kind,
             CASE id WHEN 'fx-school-1' THEN 'lit_village' ELSE 'unserved' END,
             CASE id WHEN 'fx-school-1' THEN 'fibre' ELSE 'satellite' END,
             120, 10, provenance, geom
      FROM facility;
      INSERT INTO plan_rank (facility_id, rank)
      SELECT id, CASE id WHEN 'fx-school-1' THEN 1 WHEN 'fx-school-2' THEN 2 WHEN 'fx-library-1' THEN 3 ELSE 5 END FROM facility;
    `);
    const ctx = { db, logger: createLogger('silent'), config: {} as AppContext['config'], versions: {} } as AppContext;
    const enriched = express().use(asPlanner).use(tileRoutes(ctx)).use(errorHandler(ctx.logger));
    const [z, x, y] = tileOf(60.10, 49.95, 10);
    const res = await request(enriched).get(`/tiles/facilities/${z}/${x}/${y}.pbf`).buffer(true).parse(binary);
    const layer = new VectorTile(new PbfReader(res.body as Buffer)).layers.facilities!;
    const byId = new Map(Array.from({ length: layer.length }, (_, i) => layer.feature(i)).map((f) => [f.properties.id, f.properties]));
    expect(byId.get('fx-school-1')).toMatchObject({ gap_class: 'lit_village', technology: 'fibre', rank: 1, priority: 1 });
    // Rank 2 of max rank 5: priority = 1 − (2 − 1) / 5 = 0.8; rank 3: 1 − 2/5 = 0.6.
    expect(byId.get('fx-school-2')!.priority).toBeCloseTo(0.8, 12);
    expect(byId.get('fx-library-1')!.priority).toBeCloseTo(0.6, 12);
    expect(byId.get('fx-library-1')!.gap_class).toBe('unserved');
  });
});
