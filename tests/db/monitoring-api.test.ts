// The monitoring API end to end on the backend under test: inventory, secrets never shown or
// logged, import, per-site figures, share view, CSV, SSE.
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { createApp } from '../../server/src/http/app.ts';
import { createLogger } from '../../server/src/logger.ts';
import { listAgentSites, recordSamples } from '../../server/src/monitoring/store.ts';
import { bearerFor } from '../support/auth.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { COMMUNITY, sample as sampleAt, seedFacilities, TEST_KEY } from './monitoring-fixtures.ts';

const AUTH_KEY = 'auth-key-Zq81xx';
const PRIV_KEY = 'priv-key-Wm55yy';
const SECRETS = [COMMUNITY, AUTH_KEY, PRIV_KEY, TEST_KEY];

let db: TestDatabase;
let app: ReturnType<typeof createApp>;
const logLines: string[] = [];
const bodies: string[] = [];
// The routes read the real clock: the polls are placed an hour ago, whole seconds.
const T0 = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
const sample = (site: string, t: number, o = {}) => sampleAt(site, t, o, T0);

let admin = '';
// Every response the suite sees is kept, to grep for secrets at the end. Calls are an admin's
// (bearer token) unless the request already names a caller.
async function call(req: request.Test) {
  const res = await req.set('Authorization', (req as unknown as { header: Record<string, string> }).header.Authorization ?? admin);
  bodies.push(JSON.stringify(res.headers) + res.text);
  return res;
}

beforeAll(async () => {
  db = await openTestDatabase();
  await seedFacilities(db);
  const sink = new Writable({ write(chunk, _enc, cb) { logLines.push(String(chunk)); cb(); } });
  const config = { ...loadConfig({}), secretKey: TEST_KEY };
  app = createApp({ db, config, logger: createLogger('trace', sink), versions: {} });
  admin = await bearerFor(db, 'admin');
});
afterAll(async () => db?.close());

const v2 = { id: 'api-1', facilityId: 'fac-1', name: '=HYPERLINK("http://x")', host: '127.0.0.1', snmp: { version: '2c', community: COMMUNITY }, wan: { ifName: 'ether1' }, committedMbps: 100, operator: 'Kazakhtelecom', contract: 'C-1', contactPhone: '+7 7172 00 00 00' };
const v3 = { id: 'api-2', facilityId: 'fac-2', name: 'ФАП', host: 'router.local', port: 1161, snmp: { version: '3', user: 'mon', authProtocol: 'sha256', authKey: AUTH_KEY, privProtocol: 'aes256', privKey: PRIV_KEY }, wan: { ifIndex: 3 } };

describe('site inventory', () => {
  it('creates v2c and v3 sites with defaults and without credentials in the answer', async () => {
    const a = await call(request(app).post('/api/sites').send(v2).expect(201));
    expect(a.body.site).toMatchObject({ id: 'api-1', port: 161, intervalS: 60, slaTarget: 0.99, snmp: { version: '2c' }, status: 'unknown', lon: 70.01, lat: 50.01 });
    expect(a.body.site.shareToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const b = await call(request(app).post('/api/sites').send(v3).expect(201));
    expect(b.body.site.snmp).toEqual({ version: '3', authProtocol: 'sha256', privProtocol: 'aes256' });
  });

  it('rejects bad input field by field, an unknown facility, and a duplicate id', async () => {
    const bad = await call(request(app).post('/api/sites').send({ ...v2, id: 'x', snmp: { version: '3', user: 'u', authProtocol: 'md5', authKey: 'short', privProtocol: 'des', privKey: 'k' }, wan: {} }).expect(400));
    const fields = bad.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['snmp.authProtocol', 'snmp.authKey', 'snmp.privProtocol', 'wan']));
    const fac = await call(request(app).post('/api/sites').send({ ...v2, id: 'x', facilityId: 'nope' }).expect(400));
    expect(fac.body.error).toMatchObject({ code: 'unknown_facility', details: [{ field: 'facilityId', message: "no facility 'nope'" }] });
    await call(request(app).post('/api/sites').send(v2).expect(400));
  });

  it('says clearly when the secret key is missing', async () => {
    const bare = createApp({ db, config: { ...loadConfig({}), secretKey: undefined }, logger: createLogger('silent'), versions: {} });
    const res = await call(request(bare).post('/api/sites').set('Authorization', admin).send({ ...v2, id: 'nokey' }).expect(503));
    expect(res.body.error.code).toBe('secret_key');
    expect(res.body.error.message).toMatch(/BAYLANYS_SECRET_KEY is not set/);
  });

  it('clears a field given as null and leaves the others (one static UPDATE, site-update.sql)', async () => {
    const cleared = await call(request(app).patch('/api/sites/api-1').send({ contract: null }).expect(200));
    expect(cleared.body.site).toMatchObject({ contract: null, operator: 'Kazakhtelecom', name: v2.name, committedMbps: 100 });
    await call(request(app).patch('/api/sites/api-1').send({ contract: 'C-1' }).expect(200));
  });

  it('keeps maintenance windows per site: add, show with the site, delete; another site cannot delete it', async () => {
    const w = await call(request(app).post('/api/sites/api-1/maintenance').send({ startsAt: '2026-11-01T00:00:00Z', endsAt: '2026-11-01T02:00:00Z', reason: 'замена кабеля' }).expect(201));
    const shown = await call(request(app).get('/api/sites/api-1').expect(200));
    expect(shown.body.maintenance).toEqual([{ id: w.body.id, siteId: 'api-1', startsAt: '2026-11-01T00:00:00.000Z', endsAt: '2026-11-01T02:00:00.000Z', reason: 'замена кабеля' }]);
    await call(request(app).delete(`/api/sites/api-2/maintenance/${w.body.id}`).expect(404));
    await call(request(app).delete(`/api/sites/api-1/maintenance/${w.body.id}`).expect(204));
    expect((await call(request(app).get('/api/sites/api-1').expect(200))).body.maintenance).toEqual([]);
  });

  it('patches fields and re-encrypts new credentials', async () => {
    const res = await call(request(app).patch('/api/sites/api-1').send({ slaTarget: 99.5, snmp: { version: '2c', community: `${COMMUNITY}-2` } }).expect(200));
    expect(res.body.site.slaTarget).toBe(0.995); // a percentage in, a ratio out
    const bad = await call(request(app).patch('/api/sites/api-1').send({ slaTarget: 150 }).expect(400));
    expect(bad.body.error.details[0]).toMatchObject({ field: 'slaTarget' });
    const [agent] = await listAgentSites(db, TEST_KEY, undefined);
    expect(agent).toMatchObject({ id: 'api-1', version: '2c', community: `${COMMUNITY}-2`, wan: { ifName: 'ether1' }, facilityKind: 'school', region: 'KZ15' });
    await call(request(app).patch('/api/sites/api-1').send({ snmp: { version: '2c', community: COMMUNITY } }).expect(200));
  });

  it('gives the agent decrypted credentials, sharded so every site is in one shard', async () => {
    const sites = await listAgentSites(db, TEST_KEY);
    expect(sites.find((s) => s.id === 'api-2')).toMatchObject({ version: '3', port: 1161, wan: { ifIndex: 3 }, v3: { user: 'mon', authProtocol: 'sha256', authKey: AUTH_KEY, privProtocol: 'aes256', privKey: PRIV_KEY } });
    const shards = await Promise.all([0, 1, 2].map((index) => listAgentSites(db, TEST_KEY, { index, count: 3 })));
    expect(shards.flat().map((s) => s.id).sort()).toEqual(sites.map((s) => s.id).sort());
    await expect(listAgentSites(db, TEST_KEY, { index: 3, count: 3 })).rejects.toThrow(/0-based/);
    await expect(listAgentSites(db, 'ab'.repeat(32))).rejects.toThrow(/cannot be decrypted/);
  });

  it('imports CSV all-or-nothing, listing every bad row', async () => {
    const header = 'id,facility_id,name,host,version,community,if_name,committed_mbps\n';
    const bad = await call(request(app).post('/api/sites/import?wait=true').type('text/csv').send(`${header}imp-1,fac-1,A,10.0.0.1,2c,${COMMUNITY},eth0,50\nimp-2,fac-1,B,bad host,2c,,eth0,x\n`).expect(400));
    expect(bad.body.error.details.map((d: { row: number; field: string }) => `${d.row}:${d.field}`)).toEqual(expect.arrayContaining(['3:host', '3:snmp.community', '3:committedMbps']));
    expect((await db.query(`SELECT 1 FROM monitored_site WHERE id = 'imp-1'`)).length).toBe(0);
    const ok = await call(request(app).post('/api/sites/import?wait=true').type('text/csv').send(`\uFEFF${header}imp-1,fac-1,A,10.0.0.1,2c,${COMMUNITY},eth0,50\n`).expect(200));
    expect(ok.body).toEqual({ imported: 1, ids: ['imp-1'] });
    const json = await call(request(app).post('/api/sites/import?wait=true').send([{ ...v2, id: 'imp-2', name: 'JSON' }]).expect(200));
    expect(json.body.imported).toBe(1);
  });

  it('deletes a site and 404s afterwards', async () => {
    await call(request(app).delete('/api/sites/imp-2').expect(204));
    await call(request(app).get('/api/sites/imp-2').expect(404));
  });
});

describe('figures, share view, CSV', () => {
  beforeAll(async () => {
    // Up at 0–240 s, down 300–420 s (outage 300 → 480), up again at 480 and 540.
    await recordSamples(db, [0, 60, 120, 180, 240, 300, 360, 420, 480, 540].map((t) =>
      sample('api-1', t, t >= 300 && t <= 420 ? { outcome: 'unreachable' } : { sysUpTime: 100_000 + t * 100, inOctets: BigInt(t) * 75_000n, outOctets: 0n })));
  });

  it('lists sites in the contract shape', async () => {
    const res = await call(request(app).get('/api/sites').expect(200));
    const s = res.body.items.find((i: { id: string }) => i.id === 'api-1');
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['id', 'facilityId', 'name', 'status', 'lastPollAt', 'availability24h', 'availabilityMonth', 'slaTarget', 'operator', 'lon', 'lat']));
    // The last poll was 51 min ago at a 60 s interval: no recent data, the last known link status beside it.
    expect(s).toMatchObject({ status: 'unknown', noRecentData: true, linkStatus: 'up', lastPollAt: new Date(T0 + 540_000).toISOString() });
  });

  it('answers availability, outages and traffic for a window', async () => {
    const a = await call(request(app).get('/api/sites/api-1/availability?window=24h').expect(200));
    // The last poll (540 s) stands 2 × 60 s, to 660 s. Known: up 0–300 and 480–660 = 480 s;
    // down 300–480 = 180 s → 480 / 660 = 8 / 11; coverage 660 / 86 400.
    expect(a.body).toMatchObject({ upS: 480, downS: 180, availability: 8 / 11, meetsSla: false });
    expect(a.body.coverage).toBeCloseTo(660 / 86_400, 12);
    const o = await call(request(app).get('/api/sites/api-1/outages').expect(200));
    expect(o.body.items).toEqual([expect.objectContaining({ startedAt: new Date(T0 + 300_000).toISOString(), durationS: 180, cause: 'unreachable' })]);
    const t = await call(request(app).get('/api/sites/api-1/traffic?window=24h').expect(200));
    expect(t.body.items.length).toBeGreaterThan(0);
    // 75 000 octets per second → 600 000 bit/s in every bucket.
    for (const p of t.body.items) expect(p.inBps).toBeCloseTo(600_000, 6);
    await call(request(app).get('/api/sites/api-1/availability?window=1y').expect(400));
    // 7 days, day by day in Kazakhstan time, for the chart: 8 calendar days touched.
    const week = await call(request(app).get('/api/sites/api-1/availability?window=7d').expect(200));
    expect(week.body.series).toHaveLength(8);
    expect(week.body.series[0]).toEqual({ day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), availability: null, coverage: 0 });
  });

  it('serves the public share view without secrets or host', async () => {
    const site = (await call(request(app).get('/api/sites/api-1'))).body.site;
    // The link given out is the school's page, not the JSON behind it (issue 13).
    expect(site.shareUrl).toBe(`/s/${site.shareToken}`);
    const res = await call(request(app).get(`/api/share/${site.shareToken}`).expect(200));
    expect(res.body).toMatchObject({ siteName: v2.name, facilityName: 'Школа Аксу', status: 'unknown', noRecentData: true, slaTarget: 0.995, contact: { operator: 'Kazakhtelecom', phone: '+7 7172 00 00 00' } });
    expect(res.body.lastOutages).toHaveLength(1);
    expect(res.text).not.toContain('127.0.0.1');
    await call(request(app).get('/api/share/not-a-real-token-000000').expect(404));
    // Renewing the link revokes the old one.
    const renewed = await call(request(app).post('/api/sites/api-1/share-token').expect(200));
    expect(renewed.body.site.shareToken).not.toBe(site.shareToken);
    await call(request(app).get(`/api/share/${site.shareToken}`).expect(404));
    await call(request(app).get(`/api/share/${renewed.body.site.shareToken}`).expect(200));
  });

  it('exports a spreadsheet-safe CSV with a BOM', async () => {
    const res = await call(request(app).get('/api/reports/sla.csv?window=24h&operator=Kazakhtelecom&codes=true').expect(200));
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.text.startsWith('\uFEFFsite_id,')).toBe(true);
    // For a person (the default): headers in the reader's language.
    const ru = await call(request(app).get('/api/reports/sla.csv?window=24h&operator=Kazakhtelecom').expect(200));
    expect(ru.text.startsWith('\uFEFFКод канала,Канал,Код объекта,')).toBe(true);
    expect(ru.text).toContain(',24 ч,');
    // The formula-looking site name is neutralised with a leading quote (server/src/csv.ts).
    expect(res.text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(res.text).toContain('api-1,');
    expect(res.text).toContain(',Kazakhtelecom,C-1,99.5,24h,'); // the SLA target as a percentage
    const g = await call(request(app).get('/api/reports/sla?by=operator&window=24h').expect(200));
    expect(g.body.items.find((i: { group: string }) => i.group === 'Kazakhtelecom')).toMatchObject({ availability: 8 / 11, outages: 1, mttrS: 180 });
  });
});

describe('scope', () => {
  it('partners see their regions\' sites, site staff their own, anonymous nothing', async () => {
    // api-1 and api-2 sit in settlement set-1 (KZ15); imp-1 too.
    const partner = await bearerFor(db, 'partner', { regions: ['KZ11'] });
    const none = await call(request(app).get('/api/sites').set('Authorization', partner).expect(200));
    expect(none.body.items).toEqual([]);
    await call(request(app).get('/api/sites/api-1').set('Authorization', partner).expect(404));
    const kz15 = await bearerFor(db, 'partner', { regions: ['KZ15'] });
    const all = await call(request(app).get('/api/sites').set('Authorization', kz15).expect(200));
    expect(all.body.items.map((i: { id: string }) => i.id)).toEqual(['api-1', 'api-2', 'imp-1']);
    const staff = await bearerFor(db, 'site', { siteIds: ['api-2'] });
    const own = await call(request(app).get('/api/sites').set('Authorization', staff).expect(200));
    expect(own.body.items.map((i: { id: string }) => i.id)).toEqual(['api-2']);
    await call(request(app).get('/api/sites/api-1/outages').set('Authorization', staff).expect(404));
    await call(request(app).post('/api/sites').set('Authorization', staff).send(v2).expect(403));
    await request(app).get('/api/sites').expect(401);
  });
});

describe('status events (SSE)', () => {
  it('pushes a change from this process and one written by another process', async () => {
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;
    const events: { siteId: string; status: string }[] = [];
    const req = http.get({ host: '127.0.0.1', port, path: '/api/sites/events', headers: { Authorization: admin } }, (res) => {
      let buf = '';
      res.on('data', (c) => {
        buf += c;
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = /^data: (.*)$/m.exec(block);
          if (/^event: status$/m.test(block) && data) events.push(JSON.parse(data[1]!));
        }
      });
    });
    const until = async (n: number) => { for (let i = 0; i < 100 && events.length < n; i++) await new Promise((r) => setTimeout(r, 50)); };
    await new Promise((r) => setTimeout(r, 300));
    // In process: two down polls open an outage → status down.
    await recordSamples(db, [sample('api-1', 600, { outcome: 'unreachable' }), sample('api-1', 660, { outcome: 'unreachable' })]);
    await until(1);
    // Another process (the agent) writes the state: the route's poll of site_state notices it.
    await db.query(`UPDATE site_state SET status = 'link_down', status_since = now(), last_polled_at = now() WHERE site_id = 'api-2'`);
    await until(3);
    req.destroy();
    server.close();
    // api-1's polls are from an hour ago: the route's next look at site_state says "no recent data".
    expect(events.map((e) => [e.siteId, e.status])[0]).toEqual(['api-1', 'down']);
    expect(events.slice(1).map((e) => [e.siteId, e.status]).sort()).toEqual([['api-1', 'unknown'], ['api-2', 'link_down']]);
  });
});

describe('secrets', () => {
  it('never appear in a response or a log line, and are not stored in clear', async () => {
    expect(logLines.some((l) => l.includes('monitored site created'))).toBe(true); // the log is not empty
    for (const secret of SECRETS) {
      expect(bodies.filter((b) => b.includes(secret))).toEqual([]);
      expect(logLines.filter((l) => l.includes(secret))).toEqual([]);
    }
    // Every table (sites, samples, events, the audit log, …), row by row as text.
    const tables = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys'`);
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['monitored_site', 'poll_sample']));
    for (const { table_name } of tables) {
      const rows = await db.query<{ r: string }>(`SELECT t::text AS r FROM "${table_name}" t`);
      for (const secret of SECRETS) expect(rows.filter((x) => x.r.includes(secret)), `${table_name} holds a secret`).toEqual([]);
    }
  });
});
