// Reads kept per data version (http/result-cache.ts, issue 11): region roll-ups, the layer index and
// OGC pages are computed once per version and caller scope (roll-ups and the index shared by callers
// that arrive together), and again as soon as an import (a layer version) or a recompute moves it.
// Before: every /api/regions ran the 60 ms roll-up, and under 200 clients these queued on the
// embedded database's one thread until clients gave up.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import type { Database } from '../../server/src/db/database.ts';
import { runSql } from '../../server/src/db/sql.ts';
import { bumpLayerVersionSql } from '../../server/src/data/import/statements.ts';
import { createApp } from '../../server/src/http/app.ts';
import { createLogger } from '../../server/src/logger.ts';
import { bearerFor } from '../support/auth.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

let db: TestDatabase;
let app: ReturnType<typeof createApp>;
let auth: string;
let partner: string;
const get = (path: string, who = auth) => request(app).get(path).set('Authorization', who);

// How many times each kind of statement ran, by the first line of its .sql file.
const ran = new Map<string, number>();
const times = (head: string) => [...ran].filter(([sql]) => sql.startsWith(head)).reduce((n, [, k]) => n + k, 0);
const ROLLUP = '-- Roll-ups per oblast';
const LAYER_COUNT = "-- A layer's row count";
const OGC_PAGE = '-- One page of an OGC API collection';

function counting(inner: Database): Database {
  return {
    backend: inner.backend,
    query: (sql, params) => {
      ran.set(sql, (ran.get(sql) ?? 0) + 1);
      return inner.query(sql, params);
    },
    exec: (sql) => inner.exec(sql),
    copyFrom: (sql, rows) => inner.copyFrom(sql, rows),
    transaction: (fn) => inner.transaction(fn),
    close: () => inner.close(),
  };
}

const addSettlement = async (id: string, lon: number) => {
  await db.query(
    `INSERT INTO settlement (id, name, population, population_provenance, geom, dataset_id, provenance)
     VALUES ($1, $1, 10, 'real', ST_SetSRID(ST_MakePoint($2, 50.0), 4326), 't-settlements', 'real')`,
    [id, lon],
  );
  // What every import does when it changed a layer (import-layer.ts).
  await runSql(db, bumpLayerVersionSql, { layer: 'settlements' });
};

beforeAll(async () => {
  db = await openTestDatabase();
  await db.exec(`
    INSERT INTO dataset (id, layer, title, licence, provenance) VALUES ('t-settlements', 'settlements', 'test', 'ODbL 1.0', 'real');
  `);
  await addSettlement('s1', 70);
  auth = await bearerFor(db, 'planner');
  partner = await bearerFor(db, 'partner', { regions: ['T1'] });
  app = createApp({ db: counting(db), config: loadConfig({}), logger: createLogger('silent'), versions: {} });
});
afterAll(async () => db?.close());

const settlementsIn = (body: { items: Array<{ settlements: number }> }) => body.items.reduce((n, r) => n + r.settlements, 0);

describe('region roll-ups', () => {
  it('run once per data version, and again after an import changed a layer', async () => {
    const before = times(ROLLUP);
    const first = await get('/api/regions?level=national').expect(200);
    const second = await get('/api/regions?level=national').expect(200);
    expect(second.body).toEqual(first.body);
    expect(times(ROLLUP) - before).toBe(1);
    expect(settlementsIn(first.body)).toBe(1);

    await addSettlement('s2', 71);
    const third = await get('/api/regions?level=national').expect(200);
    expect(settlementsIn(third.body)).toBe(2);
    expect(times(ROLLUP) - before).toBe(2);
  });

  it('are shared by callers that arrive together: 50 requests, one roll-up', async () => {
    await addSettlement('s3', 72);
    const before = times(ROLLUP);
    const all = await Promise.all(Array.from({ length: 50 }, () => get('/api/regions?level=admin1')));
    expect(all.every((r) => r.status === 200)).toBe(true);
    expect(times(ROLLUP) - before).toBe(1);
  });

  it('are kept per caller scope: a partner never gets the planner\'s roll-up', async () => {
    const planner = await get('/api/regions?level=admin1').expect(200);
    const narrowed = await get('/api/regions?level=admin1', partner).expect(200);
    expect(settlementsIn(planner.body)).toBeGreaterThan(0);
    expect(settlementsIn(narrowed.body)).toBe(0);
  });

  it('answer 304 to a client that holds the same version', async () => {
    const first = await get('/api/regions?level=admin2').expect(200);
    await get('/api/regions?level=admin2').set('If-None-Match', first.headers.etag!).expect(304);
  });
});

describe('the layer index', () => {
  it('counts the layers once per data version', async () => {
    const before = times(LAYER_COUNT);
    const first = await get('/api/layers').expect(200);
    await get('/api/layers').expect(200);
    const perIndex = times(LAYER_COUNT) - before;
    expect(perIndex).toBe(first.body.layers.length);

    await addSettlement('s4', 73);
    const after = await get('/api/layers').expect(200);
    const count = (b: { layers: Array<{ name: string; count: number }> }) => b.layers.find((l) => l.name === 'settlements')!.count;
    expect(count(after.body)).toBe(count(first.body) + 1);
    expect(times(LAYER_COUNT) - before).toBe(2 * perIndex);
  });
});

describe('OGC pages', () => {
  it('are read once per data version and page, and again after an import', async () => {
    const path = '/ogc/collections/settlements/items?limit=2';
    const before = times(OGC_PAGE);
    const first = await get(path).expect(200);
    const second = await get(path).expect(200);
    expect(second.body.features).toEqual(first.body.features);
    expect(times(OGC_PAGE) - before).toBe(1);

    await addSettlement('s5', 74);
    const third = await get(path).expect(200);
    expect(third.body.numberMatched).toBe(first.body.numberMatched + 1);
    expect(times(OGC_PAGE) - before).toBe(2);
  });
});
