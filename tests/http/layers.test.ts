// The layer API on the backend under test: GeoJSON pages, bbox, paging links, provenance, errors.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { createApp } from '../../server/src/http/app.ts';
import { createLogger } from '../../server/src/logger.ts';
import { bearerFor } from '../support/auth.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

let db: TestDatabase;
let app: ReturnType<typeof createApp>;
// The API needs a signed-in caller (access policy); a planner's token reads everything here.
let auth: string;
const get = (path: string) => request(app).get(path).set('Authorization', auth);

beforeAll(async () => {
  db = await openTestDatabase();
  await db.exec(`
    INSERT INTO dataset (id, layer, title, licence, provenance) VALUES
      ('t-settlements', 'settlements', 'test', 'ODbL 1.0', 'real');
    INSERT INTO settlement (id, name, population, population_provenance, geom, dataset_id, provenance) VALUES
      ('s1', 'Ақсу', 1200, 'real', ST_SetSRID(ST_MakePoint(70.0, 50.0), 4326), 't-settlements', 'real'),
      ('s2', 'Жаңаауыл', NULL, NULL, ST_SetSRID(ST_MakePoint(71.0, 51.0), 4326), 't-settlements', 'real'),
      ('s3', 'Берёзовка', 80, 'estimated', ST_SetSRID(ST_MakePoint(80.0, 45.0), 4326), 't-settlements', 'real');
  `);
  auth = await bearerFor(db, 'planner');
  app = createApp({ db, config: loadConfig({}), logger: createLogger('silent'), versions: {} });
});
afterAll(async () => db?.close());

describe('GET /api/layers/:layer', () => {
  it('returns GeoJSON features with provenance and licence', async () => {
    const res = await get('/api/layers/settlements').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/geo\+json/);
    expect(res.body.type).toBe('FeatureCollection');
    expect(res.body.features.map((f: { id: string }) => f.id)).toEqual(['s1', 's2', 's3']);
    const s1 = res.body.features[0];
    expect(s1.geometry).toEqual({ type: 'Point', coordinates: [70, 50] });
    expect(s1.properties).toMatchObject({ name: 'Ақсу', population: 1200, provenance: 'real', licence: 'ODbL 1.0' });
  });

  it('filters by bbox', async () => {
    const res = await get('/api/layers/settlements?bbox=69.5,49.5,71.5,51.5').expect(200);
    expect(res.body.features.map((f: { id: string }) => f.id)).toEqual(['s1', 's2']);
  });

  it('pages with a next link until the last page', async () => {
    const first = await get('/api/layers/settlements?limit=2').expect(200);
    expect(first.body.numberReturned).toBe(2);
    const next = first.body.links.find((l: { rel: string }) => l.rel === 'next');
    expect(next.href).toBe('/api/layers/settlements?limit=2&offset=2');
    const second = await get(next.href).expect(200);
    expect(second.body.features.map((f: { id: string }) => f.id)).toEqual(['s3']);
    expect(second.body.links).toEqual([]);
  });

  it('answers an unknown layer with 404 and a bad bbox with a field-level 400', async () => {
    const missing = await get('/api/layers/pipelines').expect(404);
    expect(missing.body.error.code).toBe('not_found');
    const bad = await get('/api/layers/settlements?bbox=1,2,3').expect(400);
    expect(bad.body.error.details[0]).toMatchObject({ field: 'bbox' });
    const swapped = await get('/api/layers/settlements?bbox=71,51,70,50').expect(400);
    expect(swapped.body.error.details[0].message).toMatch(/min ≤ max/);
  });
});

describe('GET /api/health', () => {
  it('answers an anonymous check without counting any table (one trivial query)', async () => {
    const seen: string[] = [];
    const counting = { ...db, query: ((sql: string, params?: unknown[]) => { seen.push(sql); return db.query(sql, params as never); }) as typeof db.query };
    const app2 = createApp({ db: counting, config: loadConfig({}), logger: createLogger('silent'), versions: {} });
    const res = await request(app2).get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(seen.filter((q) => /count\(/i.test(q))).toEqual([]);
  });
  it('reports the backend, versions and row counts per layer', async () => {
    const res = await get('/api/health').expect(200);
    expect(res.body.backend).toBe(db.backend);
    expect(res.body.versions.postgis).toMatch(/^3\./);
    expect(res.body.layers.settlements).toBe(3);
    expect(res.body.layers.facilities).toBe(0);
  });
});
