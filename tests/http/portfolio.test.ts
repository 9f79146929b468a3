// Scenarios, reports, PPP and trenches over HTTP on the backend under test. The handlers are
// tested on the portfolio router with a signed-in planner attached (the access gate has its own
// suite); the last block goes through the real gate with bearer tokens.
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setPrincipal } from '../../server/src/http/request-principal.ts';
import { loadConfig } from '../../server/src/config.ts';
import { errorHandler, notFoundHandler } from '../../server/src/http/errors.ts';
import { portfolioRoutes } from '../../server/src/http/portfolio-routes.ts';
import { createLogger } from '../../server/src/logger.ts';
import { bearerFor, testApp } from '../support/auth.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { FIBRE_WINS, insertPortfolioFixture } from '../db/portfolio-fixture.ts';

let db: TestDatabase;
let app: express.Express;

function plannerApp(database: TestDatabase): express.Express {
  const logger = createLogger('silent');
  const a = express();
  a.use(express.json());
  a.use((req, _res, next) => {
    setPrincipal(req, { kind: 'session', userId: 1, email: 'planner@test', role: 'planner', regions: [], siteIds: [] });
    next();
  });
  a.use(portfolioRoutes({ db: database, config: loadConfig({}), logger, versions: {} }));
  a.use('/api', notFoundHandler);
  a.use(errorHandler(logger));
  return a;
}

beforeAll(async () => {
  db = await openTestDatabase();
  await insertPortfolioFixture(db);
  await db.exec(`INSERT INTO region_admin1 (id, name_en, name_kk, name_ru, geom, dataset_id, provenance) VALUES
    ('T1', 'Test oblast', 'Сынақ облысы', 'Тестовая область', ST_Multi(ST_MakeEnvelope(69, 49, 71, 51, 4326)), 'pf', 'illustrative')`);
  app = plannerApp(db);
});
afterAll(async () => db?.close());

describe('/api/scenarios', () => {
  it('refuses a bad name and parameters the planning engine does not know', async () => {
    const bad = await request(app).post('/api/scenarios').send({ name: '../x', budgetKzt: 1 }).expect(400);
    expect(bad.body.error.details[0].field).toBe('name');
    const typo = await request(app).post('/api/scenarios').send({ name: 'x', budgetKzt: 1, params: { planning: { fibre: { perKm: 1 } } } }).expect(400);
    expect(typo.body.error.code).toBe('invalid_parameters');
    expect(typo.body.error.details[0].field).toMatch(/^params\.planning\.fibre/);
    await request(app).post('/api/scenarios').send({ name: 'x', budgetKzt: -1 }).expect(400);
  });

  it('a run on the job thread keeps its error: spatial parameters unlike the measured ones are a 409 with the code', async () => {
    await request(app).post('/api/scenarios').send({ name: 'wide', params: { planning: { spatial: { attachRadiusM: 9000 } } }, budgetKzt: 1 }).expect(201);
    const res = await request(app).post('/api/scenarios/wide/run?wait=true').send({}).expect(409);
    expect(res.body.error.code).toBe('spatial_parameters_differ');
    await request(app).delete('/api/scenarios/wide').expect(204);
  });

  it('creates, runs and returns the portfolio', async () => {
    await request(app).post('/api/scenarios').send({ name: 'base', description: 'Фонд', params: FIBRE_WINS, budgetKzt: 1e12 }).expect(201);
    await request(app).post('/api/scenarios').send({ name: 'base', budgetKzt: 1 }).expect(409);
    const run = await request(app).post('/api/scenarios/base/run?wait=true').send({}).expect(200);
    expect(run.body).toMatchObject({ scenario: 'base', budgetKzt: 1e12, beneficiaries: expect.any(Number) });
    for (const k of ['chosen', 'totalCostKzt', 'p10', 'p50', 'p90', 'byKind', 'byRegion', 'curve', 'paramsHash', 'dataVersion']) expect(run.body).toHaveProperty(k);
    expect(run.body.chosen).toHaveLength(5);
    expect(run.body.curve[0]).toEqual({ costKzt: 0, beneficiaries: 0 });
    expect(run.body.curve.at(-1).costKzt).toBeCloseTo(run.body.totalCostKzt, 3);
    const list = await request(app).get('/api/scenarios').expect(200);
    expect(list.body.items[0]).toMatchObject({ name: 'base', latestRun: { paramsHash: run.body.paramsHash } });
  });

  it('runs with a budget from the body and compares two scenarios', async () => {
    await request(app).post('/api/scenarios/base/duplicate').send({ name: 'lean' }).expect(201);
    const lean = await request(app).post('/api/scenarios/lean/run?wait=true').send({ budgetKzt: 2e6 }).expect(200);
    expect(lean.body.totalCostKzt).toBeLessThanOrEqual(2e6);
    const cmp = await request(app).get('/api/scenarios/compare?names=base,lean').expect(200);
    expect(cmp.body.scenarios.map((s: { name: string }) => s.name)).toEqual(['base', 'lean']);
    expect(cmp.body.sites[0].left.length).toBeGreaterThan(0);
    await request(app).get('/api/scenarios/compare?names=base').expect(400);
    await request(app).get('/api/scenarios/compare?names=base,nope').expect(404);
  });

  it('exports a printable HTML report in Kazakh with an inline chart and no external assets', async () => {
    const res = await request(app).get('/api/scenarios/base/report.html?lang=kk').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<html lang="kk">');
    expect(res.text).toContain('Сценарий бойынша есеп: base');
    expect(res.text).toContain('Сынақ облысы');
    expect(res.text).toContain('<svg');
    expect(res.text).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
    const en = await request(app).get('/api/scenarios/base/report.html?lang=en').expect(200);
    expect(en.text).toContain('Test oblast');
    await request(app).get('/api/scenarios/base/report.html?lang=de').expect(400);
  });

  it('exports CSV (BOM, one row per site) and GeoJSON (sites and trench)', async () => {
    const csv = await request(app).get('/api/scenarios/base/report.csv').buffer(true).parse((res, cb) => {
      let s = ''; res.setEncoding('utf8'); res.on('data', (c: string) => (s += c)); res.on('end', () => cb(null, s));
    }).expect(200);
    const text = csv.body as string;
    // No lang and no Accept-Language: Russian.
    expect(text.startsWith('\uFEFFОчерёдность,Код объекта,Название,Тип,Область,Технология')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(6);
    expect(csv.headers['content-disposition']).toMatch(/-ru\.csv"$/);
    // The browser's language when the link does not name one; ?lang= wins; ';' on request.
    const en = await request(app).get('/api/scenarios/base/report.csv').set('accept-language', 'en-GB,en;q=0.9').expect(200);
    expect(en.text.startsWith('\uFEFFOrder,Facility ID,Name,Kind,Region,Technology')).toBe(true);
    const kk = await request(app).get('/api/scenarios/base/report.csv?lang=kk&sep=%3B').set('accept-language', 'en').expect(200);
    expect(kk.text.startsWith('\uFEFFКезек;Нысан коды;Атауы;Түрі;Облыс;Технология;')).toBe(true);
    expect(kk.text.split('\r\n')[1]).toMatch(/^1;[^;]+;[^;]*;(мектеп|медициналық мекеме|кітапхана|мәдениет үйі|басқа);/);
    await request(app).get('/api/scenarios/base/report.csv?sep=tab').expect(400);
    await request(app).get('/api/scenarios/base/report.csv?lang=de').expect(400);
    const gj = await request(app).get('/api/scenarios/base/report.geojson').expect(200);
    const body = JSON.parse(gj.text);
    expect(body.features.filter((f: { properties: { layer: string } }) => f.properties.layer === 'trench')[0].geometry.type).toBe('MultiLineString');
  });

  it('says when a scenario has no run yet, and deletes', async () => {
    await request(app).post('/api/scenarios').send({ name: 'never', budgetKzt: 0 }).expect(201);
    const res = await request(app).get('/api/scenarios/never/report.csv').expect(404);
    expect(res.body.error.code).toBe('run_not_found');
    await request(app).delete('/api/scenarios/never').expect(204);
    await request(app).get('/api/scenarios/never').expect(404);
  });
});

describe('/api/ppp', () => {
  it('lists settlements without mobile broadband by viability gap per person', async () => {
    const res = await request(app).get('/api/ppp?lang=en').expect(200);
    expect(res.body.items.map((c: { settlementId: string }) => c.settlementId)).toEqual(['v-kok', 'v-shal']);
    expect(res.body.items[1]).toMatchObject({ fibrePresent: false, population: 200, subscribers: 50 });
    const higher = await request(app).get('/api/ppp?arpuKztPerMonth=100000').expect(200);
    expect(higher.body.items.every((c: { viabilityGapKzt: number }) => c.viabilityGapKzt === 0)).toBe(true);
  });

  it('exports CSV and GeoJSON', async () => {
    const csv = await request(app).get('/api/ppp.csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.startsWith('\uFEFFНаселённый пункт,Область,Население,ВОЛС в селе')).toBe(true);
    expect(csv.text.split('\r\n')[1]).toMatch(/,(да|нет),\d+,/);
    const en = await request(app).get('/api/ppp.csv?lang=en&sep=semicolon').expect(200);
    expect(en.text.startsWith('\uFEFFSettlement;Region;Population;Fibre in the village')).toBe(true);
    expect(en.text.split('\r\n')[1]).toMatch(/;(yes|no);\d+;/);
    const gj = await request(app).get('/api/ppp.geojson').expect(200);
    expect(JSON.parse(gj.text).features).toHaveLength(2);
  });
});

describe('/api/trenches', () => {
  it('returns the tree, its cost, the shares and the saving for a settlement', async () => {
    const res = await request(app).get('/api/trenches?settlement=v-aqsu&scenario=base').expect(200);
    const t = JSON.parse(res.text);
    expect(t.geometry.type).toBe('MultiLineString');
    expect(t.properties.shares.map((s: { facilityId: string }) => s.facilityId)).toEqual(['a-fap', 'a-lib', 'a-school']);
    const allocated = t.properties.shares.reduce((s: number, x: { allocatedTcoKzt: number }) => s + x.allocatedTcoKzt, 0);
    // Each share is rounded to the cent (round.ts) before it is shown in KZT: the shares add up to the
    // trench's figure within half a cent per share (at 470 KZT/USD, 2.35 KZT each), not to the tenge.
    expect(Math.abs(allocated - t.properties.tcoKzt)).toBeLessThanOrEqual(t.properties.shares.length * 0.005 * 470 + 1e-6);
    expect(t.properties.savingKzt).toBeGreaterThan(0);
  });

  it('explains a settlement with no fibre facility under the current parameters', async () => {
    // Shalgai is far from any fibre: its school takes satellite, so it has no trench.
    const res = await request(app).get('/api/trenches?settlement=v-shal').expect(404);
    expect(res.body.error.code).toBe('no_fibre_facilities');
    await request(app).get('/api/trenches').expect(400);
  });
});

describe('through the access gate', () => {
  it('a planner runs; a partner sees only its regions and cannot write; nobody else gets in', async () => {
    const gated = testApp(db);
    const planner = await bearerFor(db, 'planner');
    const partner = await bearerFor(db, 'partner', { regions: ['T2'] });
    await request(gated).post('/api/scenarios/base/run?wait=true').set('Authorization', planner).send({}).expect(200);
    await request(gated).post('/api/scenarios/base/run?wait=true').set('Authorization', partner).send({}).expect(403);
    await request(gated).get('/api/scenarios').expect(401);
    const list = await request(gated).get('/api/scenarios').set('Authorization', partner).expect(200);
    expect(list.body.items.find((s: { name: string }) => s.name === 'base').latestRun).not.toHaveProperty('totalCostKzt');
    const gj = await request(gated).get('/api/scenarios/base/report.geojson').set('Authorization', partner).expect(200);
    const body = JSON.parse(gj.text);
    expect(body.features.map((f: { id: string }) => f.id)).toEqual(['s-school']);
    const ppp = await request(gated).get('/api/ppp').set('Authorization', partner).expect(200);
    expect(ppp.body.items.map((c: { settlementId: string }) => c.settlementId)).toEqual(['v-shal']);
    // The web app's read-only plan view: the stored run as JSON, narrowed like the GeoJSON.
    const latest = await request(gated).get('/api/scenarios/base/runs/latest').set('Authorization', partner).expect(200);
    expect(latest.body.sites.map((s: { facilityId: string }) => s.facilityId)).toEqual(['s-school']);
    expect(latest.body.scope.regions).toEqual(['T2']);
    const runs = await request(gated).get('/api/scenarios/base/runs').set('Authorization', partner).expect(200);
    expect(runs.body.items[0]).not.toHaveProperty('totalCostKzt');
  });
});

describe('/api/scenarios/_defaults', () => {
  it('gives the parameters a new scenario starts from, with their ranges', async () => {
    const d = await request(app).get('/api/scenarios/_defaults').expect(200);
    expect(d.body).toMatchObject({ seed: 1, draws: 1000, distribution: 'triangular' });
    expect(d.body.planning.finance.kztPerUsd).toBeGreaterThan(0);
    expect(d.body.planning.ranges['fibre.perKmUsd']).toHaveLength(2);
  });
});

describe('/api/scenarios/:name/runs/:id', () => {
  it('returns a stored run by id or the latest, as the run endpoint answered it', async () => {
    const ran = await request(app).post('/api/scenarios/base/run?wait=true').send({ budgetKzt: 3e6 }).expect(200);
    const list = await request(app).get('/api/scenarios/base/runs').expect(200);
    expect(list.body.items[0]).toMatchObject({ id: ran.body.runId, budgetKzt: 3e6 });
    const byId = await request(app).get(`/api/scenarios/base/runs/${ran.body.runId}`).expect(200);
    expect(byId.body).toMatchObject({ scenario: 'base', runId: ran.body.runId, budgetKzt: 3e6, totalCostKzt: ran.body.totalCostKzt, p50: ran.body.p50 });
    const latest = await request(app).get('/api/scenarios/base/runs/latest').expect(200);
    expect(latest.body.runId).toBe(ran.body.runId);
    await request(app).get('/api/scenarios/base/runs/999999').expect(404);
    await request(app).get('/api/scenarios/base/runs/x').expect(400);
  });
});
