// The gap engine API on the hand-made fixture (figures worked out in tests/db/planning-fixture.test.ts).
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { createApp } from '../../server/src/http/app.ts';
import { createLogger } from '../../server/src/logger.ts';
import { bearerFor } from '../support/auth.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addSite } from '../db/monitoring-fixtures.ts';
import { insertFixture } from '../db/planning-support/fixture.ts';

let db: TestDatabase;
let app: ReturnType<typeof createApp>;
// A planner reads and recomputes everything (access policy); a partner only its regions.
let planner = '';
const get = (path: string) => request(app).get(path).set('Authorization', planner);
const post = (path: string) => request(app).post(path).set('Authorization', planner);

beforeAll(async () => {
  db = await openTestDatabase();
  await insertFixture(db);
  // A name a spreadsheet would run as a formula: the CSV export must defuse it.
  await db.exec(`UPDATE facility SET name_en = '=HYPERLINK("http://x")' WHERE id = 'f7'`);
  app = createApp({ db, config: loadConfig({}), logger: createLogger('silent'), versions: {} });
  planner = await bearerFor(db, 'planner');
  const res = await post('/api/plan/recompute?wait=true').send({ parameters: { baseYear: 2026 } }).expect(200);
  expect(res.body).toMatchObject({ facilities: 9, ranked: 7, orphans: 1, spatial: 'full' });
  expect(res.body.durationMs).toBeGreaterThanOrEqual(0);
});
afterAll(async () => db?.close());

describe('GET /api/gaps', () => {
  it('lists gaps by rank, without connected facilities or those out of scope', async () => {
    const res = await get('/api/gaps').expect(200);
    expect(res.body.total).toBe(7);
    expect(res.body.items.map((i: { facilityId: string }) => i.facilityId)).toEqual(['f5', 'f4', 'f2', 'f1', 'f3', 'f9', 'f7']);
    expect(res.body.items[0]).toMatchObject({
      facilityId: 'f5', kind: 'health', gapClass: 'mobile_only', technology: 'lte', capexUsd: 200, tcoUsd: 1659.84,
      tcoKzt: 780125, beneficiaries: 500, score: 640.922929, rank: 1, lon: 71, lat: 49, provenance: 'illustrative',
      nameRu: 'ФАП Дала', nameKk: 'Дала ФАП', nameEn: 'Steppe medical point', settlementId: null, inScope: true,
    });
  });

  it('lists the town hospital as out of scope (scope=out), and everything with scope=all', async () => {
    const out = (await get('/api/gaps?scope=out').expect(200)).body;
    expect(out).toMatchObject({ total: 1, items: [{ facilityId: 'f8', inScope: false, settlementType: 'urban', rank: null, beneficiaries: 150 }] });
    expect((await get('/api/gaps?scope=all').expect(200)).body.total).toBe(8);
  });

  it('filters by bbox and rejects parameters it does not know (never silently ignored)', async () => {
    const ids = async (q: string) => (await get(`/api/gaps?${q}`).expect(200)).body.items.map((i: { facilityId: string }) => i.facilityId);
    expect(await ids('bbox=69.9,49.9,70.05,50')).toEqual(['f4', 'f2', 'f1']);
    expect((await get('/api/gaps?bbox=70,50,69,49').expect(400)).body.error.details[0].field).toBe('bbox');
    expect((await get('/api/gaps?bbx=1,2,3,4').expect(400)).body.error.code).toBe('invalid_input');
  });

  it('filters by region, kind, gap class, technology and text in ru/kk/en', async () => {
    const ids = async (q: string) => (await get(`/api/gaps?${q}`).expect(200)).body.items.map((i: { facilityId: string }) => i.facilityId);
    expect(await ids('region=T1')).toEqual(['f4', 'f2', 'f1', 'f3', 'f9']);
    expect(await ids('region=T1-02')).toEqual(['f3', 'f9']);
    expect(await ids('kind=school')).toEqual(['f1', 'f3', 'f9', 'f7']);
    expect(await ids('gapClass=lit_village')).toEqual(['f4', 'f2', 'f1']);
    expect(await ids('gapClass=connected')).toEqual(['f6']);
    expect(await ids('technology=fibre')).toEqual(['f4', 'f2', 'f1']);
    expect(await ids(`q=${encodeURIComponent('аксу')}`)).toEqual(['f4', 'f2', 'f1']); // ru, lower case
    expect(await ids(`q=${encodeURIComponent('КӨКТЕРЕК')}`)).toEqual(['f3']); // kk, upper case
    expect(await ids('q=steppe')).toEqual(['f5']); // en
    // Another spelling of the same village (issue 13): Aksu = Aqsu = Аксу = Ақсу.
    expect(await ids('q=Aksu')).toEqual(['f4', 'f2', 'f1']);
    expect(await ids(`q=${encodeURIComponent('Көктерек')}`)).toEqual(['f3']);
    expect(await ids('q=Kokterek')).toEqual(['f3']);
    expect(await ids('q=%25')).toEqual([]); // a literal %, not a wildcard
  });

  it('sorts by whitelisted keys and pages', async () => {
    const res = await get('/api/gaps?sort=tcoUsd&order=asc&limit=2&offset=1').expect(200);
    expect(res.body).toMatchObject({ total: 7, limit: 2, offset: 1 });
    expect(res.body.items.map((i: { facilityId: string }) => i.facilityId)).toEqual(['f4', 'f1']);
    const bad = await get('/api/gaps?sort=name;DROP TABLE facility').expect(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_input' });
    expect(bad.body.error.details[0].field).toBe('sort');
  });
});

describe('GET /api/gaps under load (issue 14): keyset pages, cached pages and counts, ETag, gzip', () => {
  const ids = (b: { items: Array<{ facilityId: string }> }) => b.items.map((i) => i.facilityId);
  it('walks the ranked list page by page with `next` (no OFFSET), the same rows as offset pages', async () => {
    const seen: string[] = [];
    let page = (await get('/api/gaps?limit=2').expect(200)).body;
    for (let i = 0; i < 10 && page.items.length > 0; i++) {
      seen.push(...ids(page));
      if (!page.next) break;
      page = (await get(`/api/gaps?limit=2&cursor=${page.next}`).expect(200)).body;
    }
    expect(seen).toEqual(['f5', 'f4', 'f2', 'f1', 'f3', 'f9', 'f7']);
    expect(ids((await get('/api/gaps?limit=2&offset=2').expect(200)).body)).toEqual(['f2', 'f1']);
    // Unranked rows come last and are paged too (scope=all: the town hospital has no score).
    const first = (await get('/api/gaps?scope=all&limit=7').expect(200)).body;
    expect(ids((await get(`/api/gaps?scope=all&limit=7&cursor=${first.next}`).expect(200)).body)).toEqual(['f8']);
  });
  it('refuses a cursor that is not one, or with another sort', async () => {
    expect((await get('/api/gaps?cursor=bm90LWEtY3Vyc29y').expect(400)).body.error.details[0].field).toBe('cursor');
    const next = (await get('/api/gaps?limit=2').expect(200)).body.next;
    await get(`/api/gaps?sort=tcoUsd&cursor=${next}`).expect(400);
  });
  it('answers 304 to a client holding the page, until a recompute changes the results', async () => {
    const a = await get('/api/gaps?limit=3').expect(200);
    expect(a.headers.etag).toMatch(/^W\//);
    await get('/api/gaps?limit=3').set('If-None-Match', String(a.headers.etag)).expect(304);
    // A partner sees other rows: never the planner's page or ETag.
    const partner = await bearerFor(db, 'partner', { regions: ['T1'] });
    const p = await request(app).get('/api/gaps?limit=3').set('Authorization', partner).expect(200);
    expect(p.headers.etag).not.toBe(a.headers.etag);
    expect(p.body.total).toBe(5);
    // Cost-only re-rank: 4G dearer; the stored page and count are not served any more.
    expect((await post('/api/plan/recompute?wait=true').send({ parameters: { baseYear: 2026, lte: { cpeUsd: 5000 } } }).expect(200)).body).toMatchObject({ spatial: 'unchanged', write: 'update' });
    const b = await get('/api/gaps?limit=3').set('If-None-Match', String(a.headers.etag)).expect(200);
    expect(b.headers.etag).not.toBe(a.headers.etag);
    // f5 was first on 4G at 1,659.84 USD; the new page has the new figures.
    expect(b.body.items.map((i: { tcoUsd: number }) => i.tcoUsd)).not.toEqual(a.body.items.map((i: { tcoUsd: number }) => i.tcoUsd));
    await post('/api/plan/recompute?wait=true').send({ parameters: { baseYear: 2026 } }).expect(200);
    expect(ids((await get('/api/gaps?limit=3').expect(200)).body)).toEqual(['f5', 'f4', 'f2']);
  });
  it('sends the page gzipped to a client that accepts it', async () => {
    const res = await get('/api/gaps').set('Accept-Encoding', 'gzip').expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.body.total).toBe(7);
  });
});

describe('GET /api/gaps/:facilityId', () => {
  it('explains one facility', async () => {
    const res = await get('/api/gaps/f1').expect(200);
    expect(res.body.facility).toMatchObject({ id: 'f1', settlementId: 's-aqsu' });
    expect(res.body.measures).toMatchObject({ popDistanceM: 24214.52, routeDistanceM: 717.7, pathM: 861.24, pathMethod: 'route_factor', accessPoint: 'splice', mobileTechnology: '3G' });
    expect(res.body.measures.splicePoint.coordinates[0]).toBeCloseTo(70.01, 6);
    expect(res.body.options.map((o: { technology: string; feasible: boolean }) => [o.technology, o.feasible])).toEqual([
      ['keep', false], ['fibre', true], ['village_radio', false], ['p2p_radio', true], ['lte', false], ['satellite', true],
    ]);
    // Worked by hand in tests/db/planning-fixture.test.ts: f1's share of Aqsu's trench.
    expect(res.body.choice).toMatchObject({ technology: 'fibre', tcoUsd: 8753.59, standaloneTcoUsd: 11061.21, group: { id: 'trench:s-aqsu' } });
    expect(res.body.recommendation).toMatchObject({ technology: 'fibre', tcoUsd: 8753.59 });
    expect(res.body.whyOthersLost).toHaveLength(5);
    expect(res.body.options.find((o: { technology: string }) => o.technology === 'lte').reason).toMatchObject({ code: 'capacity', values: { capacityMbps: 5, demandMbps: 51.9 } });
    expect(res.body.score).toMatchObject({ value: 75.835153, components: { beneficiaries: 200, hubSchool: 1.3, litVillage: 1.2, connection: 1 } });
    expect(res.body.rank).toBe(4);
  });

  it('answers 404 with the error shape for an unknown facility', async () => {
    const res = await get('/api/gaps/nope').expect(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('GET /api/plan/sensitivity', () => {
  it("gives a facility's break-even: f3's radio link (13,779.11) loses to satellite below a 1,520 USD yearly service", async () => {
    // Satellite = 800 + 626.82 + (S + 80) × 7.7217349 = 13,779.11 ⇔ S = 12,352.29 / 7.7217349 − 80 = 1,519.66
    const res = await get('/api/plan/sensitivity?facility=f3').expect(200);
    const sat = res.body.facility.breakEven.find((b: { name: string }) => b.name === 'satellite.serviceUsdPerYear');
    expect(sat).toMatchObject({ value: 2400, technology: 'p2p_radio', below: { value: 1520, technology: 'satellite' }, above: null });
    expect(res.body.ranges).toBeNull();
  });
  it('counts the facilities that change technology at the ends of each range, for the caller\'s regions', async () => {
    const res = await get('/api/plan/sensitivity?counts=true').expect(200);
    expect(res.body.planned).toBe(7);
    const perKm = res.body.ranges.find((r: { name: string }) => r.name === 'fibre.perKmUsd');
    expect(perKm).toMatchObject({ value: 8000, min: { value: 5000 }, max: { value: 20000 } });
    await get('/api/plan/sensitivity?facility=nope').expect(404);
    await get('/api/plan/sensitivity?what=1').expect(400);
  });
});

describe('GET /api/regions', () => {
  it('rolls up by oblast; the national line reproduces the inputs', async () => {
    const a1 = (await get('/api/regions?level=admin1').expect(200)).body.items;
    expect(a1.map((r: { regionId: string }) => r.regionId)).toEqual(['T1', 'T2', 'unassigned']);
    const nat = (await get('/api/regions?level=national').expect(200)).body.items;
    expect(nat).toHaveLength(1);
    expect(nat[0]).toMatchObject({ regionId: 'national', facilities: 9, settlements: 6, gaps: 8, orphans: 1, outOfScope: 1, shareOfNationalGap: 1 });
  });
});

describe('exports', () => {
  it('CSV: UTF-8 with BOM, ranked, formula cells defused', async () => {
    const res = await get('/api/gaps.csv?codes=true').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/csv; charset=utf-8/);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]!.startsWith('rank,facility_id,name,name_ru')).toBe(true);
    expect(lines[1]!.startsWith('1,f5,Дала ФАП,ФАП Дала')).toBe(true);
    expect(lines[7]).toContain(`"'=HYPERLINK(""http://x"")"`);
    // For a person (the default): the reader's language, `;` with decimal commas on request.
    const ru = (await get('/api/gaps.csv?sep=;').expect(200)).text.slice(1).split('\r\n');
    expect(ru[0]!.startsWith('Место в рейтинге;Код объекта;Название;')).toBe(true);
    expect(ru[1]!.startsWith('1;f5;Дала ФАП;ФАП Дала')).toBe(true);
    const kk = (await get('/api/gaps.csv?lang=kk').expect(200)).text.slice(1).split('\r\n');
    expect(kk[0]!.startsWith('Рейтингтегі орны,Нысан коды,')).toBe(true);
    await get('/api/gaps.csv?lang=de').expect(400);
    await get('/api/gaps.csv?codes=maybe').expect(400);
  });

  it('GeoJSON: the filtered gaps as points', async () => {
    const res = await get('/api/gaps.geojson?technology=fibre').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/geo\+json/);
    const fc = JSON.parse(res.text);
    expect(fc.features.map((f: { id: string }) => f.id)).toEqual(['f4', 'f2', 'f1']);
    expect(fc.features[2].geometry).toEqual({ type: 'Point', coordinates: [70, 49.95] });
  });
});

describe('access scope', () => {
  it('narrows a partner to its regions: list, explanation, roll-ups', async () => {
    const partner = await bearerFor(db, 'partner', { regions: ['T2'] });
    const list = await request(app).get('/api/gaps').set('Authorization', partner).expect(200);
    expect(list.body.items.map((i: { facilityId: string }) => i.facilityId)).toEqual(['f7']);
    await request(app).get('/api/gaps/f1').set('Authorization', partner).expect(404);
    const regions = await request(app).get('/api/regions?level=national').set('Authorization', partner).expect(200);
    expect(regions.body.items[0]).toMatchObject({ facilities: 1, settlements: 1 });
    await request(app).post('/api/plan/recompute?wait=true').set('Authorization', partner).send({}).expect(403);
  });
  it('refuses anonymous callers', async () => {
    await request(app).get('/api/gaps').expect(401);
  });
});

describe('POST /api/plan/recompute', () => {
  it('rejects an invalid parameter set, naming the field', async () => {
    const res = await post('/api/plan/recompute?wait=true').send({ parameters: { routeFactor: 0.5 } }).expect(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_parameters' });
    expect(res.body.error.details[0].field).toBe('routeFactor');
  });
  it('runs again without changes and says so', async () => {
    const res = await post('/api/plan/recompute?wait=true').send({}).expect(200);
    expect(res.body).toMatchObject({ spatial: 'unchanged', costs: 'unchanged', facilities: 9 });
  });
});

describe('feedback from monitoring (last: it changes the fixture)', () => {
  // f2's site up a whole week but idle → connected, an activation task; f3's chronically unavailable
  // → near_fibre kept, flagged unreliable (score × 1.0 by default: 15.441197 stays). Without f2, Aqsu's
  // f1 and f4 take their own drops from their own splices (sharing would be longer).
  it('shows the measured state and flag in the list, the explanation and the CSV', async () => {
    await addSite(db, 'ms-f2', { facilityId: 'f2' });
    await addSite(db, 'ms-f3', { facilityId: 'f3' });
    await db.exec(`INSERT INTO site_measure (site_id, computed_at, availability_7d, coverage_7d, availability_30d, coverage_30d, idle, chronically_unavailable)
      VALUES ('ms-f2', now(), 1, 1, 1, 1, true, false), ('ms-f3', now(), 0.9, 1, 0.8, 1, false, true)`);
    expect((await post('/api/plan/recompute?wait=true').send({}).expect(200)).body).toMatchObject({ spatial: 'unchanged', costs: 'recomputed' });
    const list = (await get('/api/gaps').expect(200)).body;
    expect(list.items.map((i: { facilityId: string }) => i.facilityId)).toEqual(['f5', 'f4', 'f1', 'f3', 'f9', 'f7']);
    expect(list.items[3]).toMatchObject({ facilityId: 'f3', gapClass: 'near_fibre', score: 15.441197, measuredState: 'chronically_unavailable', measuredFlag: 'unreliable' });
    const idle = (await get('/api/gaps?measuredFlag=idle').expect(200)).body;
    expect(idle).toMatchObject({ total: 1, items: [{ facilityId: 'f2', gapClass: 'connected', measuredState: 'idle', measuredFlag: 'idle' }] });
    await get('/api/gaps?measuredFlag=broken').expect(400);
    const e = (await get('/api/gaps/f2').expect(200)).body;
    expect(e).toMatchObject({ gapClass: 'connected', measuredFlag: 'idle', recommendation: null,
      monitoring: { state: 'idle', measured: true, availability7d: 1, availability30d: 1, siteId: 'ms-f2' } });
    expect((await get('/api/gaps/f1').expect(200)).body.monitoring).toBeNull();
    const csv = (await get('/api/gaps.csv?measuredFlag=unreliable&codes=true').expect(200)).text.split('\r\n');
    expect(csv[0]!.endsWith(',measured_state,measured_flag,settlement_type,in_scope,underserved,standalone_tco_usd,share_group')).toBe(true);
    expect(csv[1]).toContain(',chronically_unavailable,unreliable,rural,true,false,13779.11,');
  });
});
