// Stale is a state (issue 12): when the agent stops (crashed, sharded away, DB writes blocked), a
// site's last sample grows old and the API, the school page and /metrics must say "no recent data"
// instead of showing the last known state as current. Both backends.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { createApp } from '../../server/src/http/app.ts';
import { createLogger } from '../../server/src/logger.ts';
import { recordSamples } from '../../server/src/monitoring/store.ts';
import { bearerFor } from '../support/auth.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addSite, sample, seedFacilities, TEST_KEY } from './monitoring-fixtures.ts';

let db: TestDatabase;
let app: ReturnType<typeof createApp>;
let admin = '';
let metrics = '';
// Interval 60 s. "fresh": last poll 60 s before the suite starts (still < 3 intervals when read). "stale": up, last poll 10 min ago (> 3 × 60 s).
// "stale-down": down (outage open), last poll 10 min ago.
let now = 0;

beforeAll(async () => {
  db = await openTestDatabase();
  await seedFacilities(db);
  for (const id of ['fresh', 'stale', 'stale-down']) await addSite(db, id);
  now = Math.floor(Date.now() / 1000) * 1000; // after the (slow) setup: ages are measured from here
  await recordSamples(db, [
    ...[-180, -120, -60].map((s) => sample('fresh', s, {}, now)),
    ...[-720, -660, -600].map((s) => sample('stale', s, {}, now)),
    ...[-720, -660, -600].map((s) => sample('stale-down', s, { outcome: 'unreachable' }, now)),
  ]);
  app = createApp({ db, config: { ...loadConfig({}), secretKey: TEST_KEY }, logger: createLogger('silent'), versions: {} });
  admin = await bearerFor(db, 'admin');
  metrics = (await request(app).get('/metrics').set('Authorization', await bearerFor(db, 'metrics')).expect(200)).text;
});
afterAll(async () => db?.close());

const line = (name: string, site: string) => metrics.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(`site_id="${site}"`));

describe('a site with no poll for 3 intervals', () => {
  it('API: its status is unknown with noRecentData, the last known link status and its age beside it', async () => {
    const items = (await request(app).get('/api/sites').set('Authorization', admin).expect(200)).body.items as Record<string, unknown>[];
    const by = Object.fromEntries(items.map((i) => [i.id, i]));
    expect(by.fresh).toMatchObject({ status: 'up', noRecentData: false });
    expect(by.fresh!.dataAgeS).toBeGreaterThanOrEqual(60);
    expect(by.stale).toMatchObject({ status: 'unknown', linkStatus: 'up', noRecentData: true });
    expect(by.stale!.dataAgeS).toBeGreaterThanOrEqual(600);
    expect(by['stale-down']).toMatchObject({ status: 'unknown', linkStatus: 'down', noRecentData: true });
    const one = (await request(app).get('/api/sites/stale').set('Authorization', admin).expect(200)).body.site;
    expect(one).toMatchObject({ status: 'unknown', noRecentData: true });
  });

  it('the school page (share view) says so too', async () => {
    const token = (await request(app).get('/api/sites/stale').set('Authorization', admin)).body.site.shareToken;
    const view = (await request(app).get(`/api/share/${token}`).expect(200)).body;
    expect(view).toMatchObject({ status: 'unknown', noRecentData: true });
  });

  it('/metrics: no baylanys_site_up series (not its last value), baylanys_site_no_recent_data 1, counted as no_recent_data', () => {
    expect(line('baylanys_site_up', 'fresh')).toMatch(/ 1$/);
    expect(line('baylanys_site_up', 'stale')).toBeUndefined();
    expect(line('baylanys_site_up', 'stale-down')).toBeUndefined();
    expect(line('baylanys_site_no_recent_data', 'fresh')).toMatch(/ 0$/);
    expect(line('baylanys_site_no_recent_data', 'stale')).toMatch(/ 1$/);
    expect(metrics).toMatch(/^baylanys_sites\{status="no_recent_data"\} 2$/m);
    expect(metrics).toMatch(/^baylanys_sites\{status="up"\} 1$/m);
  });
});
