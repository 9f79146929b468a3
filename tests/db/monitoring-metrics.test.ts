// GET /metrics: own registry, per-site series with bounded labels, valid for promtool.
import { execFileSync } from 'node:child_process';
import { register as globalRegistry } from 'prom-client';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { createApp } from '../../server/src/http/app.ts';
import { createLogger } from '../../server/src/logger.ts';
import { refreshSiteMeasures } from '../../server/src/monitoring/measures.ts';
import { recordSamples } from '../../server/src/monitoring/store.ts';
import { bearerFor } from '../support/auth.ts';
import { requirePeer } from '../support/peers.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addSite, COMMUNITY, sample, seedFacilities } from './monitoring-fixtures.ts';

let db: TestDatabase;
let text: string;
// The last poll (base + 60 s) must be recent (< 3 intervals) or the site has no recent data.
let base = 0;

beforeAll(async () => {
  db = await openTestDatabase();
  await seedFacilities(db);
  await addSite(db, 'm-1');
  await addSite(db, 'm-2', { operator: null });
  await addSite(db, 'm-3');
  await addSite(db, 'm-4');
  base = Math.floor(Date.now() / 1000) * 1000 - 150_000; // after the (slow) setup
  // m-1: two up polls 60 s apart, 750 000 octets in → 100 000 bit/s. m-2: unreachable twice → down.
  await recordSamples(db, [
    sample('m-1', 0, { sysUpTime: 500_000, inOctets: 1_000n, outOctets: 2n ** 40n, counterBits: 64 }, base),
    sample('m-1', 60, { sysUpTime: 506_000, inOctets: 751_000n, outOctets: 2n ** 40n, counterBits: 64 }, base),
    sample('m-2', 0, { outcome: 'unreachable' }, base),
    sample('m-2', 60, { outcome: 'unreachable' }, base),
    // m-3: up, then a configuration error (wrong community): m-4: the WAN port switched off on purpose.
    sample('m-3', 0, {}, base),
    sample('m-3', 60, { outcome: 'error', error: 'wrong community or ACL', ifOperStatus: null, ifAdminStatus: null, counterBits: null }, base),
    sample('m-4', 0, {}, base),
    sample('m-4', 60, { outcome: 'link_down', ifOperStatus: 2, ifAdminStatus: 2 }, base),
  ]);
  await refreshSiteMeasures(db, base + 120_000);
  const app = createApp({ db, config: { ...loadConfig({}), secretKey: undefined }, logger: createLogger('silent'), versions: {} });
  await request(app).get('/metrics').expect(401);
  // Prometheus scrapes with a metrics token.
  const res = await request(app).get('/metrics').set('Authorization', await bearerFor(db, 'metrics')).expect(200);
  expect(res.headers['content-type']).toMatch(/text\/plain/);
  text = res.text;
});
afterAll(async () => db?.close());

const line = (name: string, site: string) => text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(`site_id="${site}"`));

describe('/metrics', () => {
  it('shows per-site series with only the four labels', () => {
    expect(line('baylanys_site_up', 'm-1')).toBe('baylanys_site_up{site_id="m-1",facility_kind="school",region="KZ15",operator="Kazakhtelecom"} 1');
    expect(line('baylanys_site_up', 'm-2')).toMatch(/operator="unknown"} 0$/);
    expect(line('baylanys_site_in_bytes_per_second', 'm-1')).toMatch(/ 12500$/); // 100 000 bit/s
    expect(line('baylanys_site_sysuptime_seconds', 'm-1')).toMatch(/ 5060$/);
    expect(line('baylanys_site_in_octets_total', 'm-1')).toMatch(/ 751000$/);
    expect(line('baylanys_site_out_octets_total', 'm-1')).toMatch(/ 1099511627776$/);
    expect(text).toMatch(/baylanys_site_availability_ratio\{site_id="m-1",[^}]*window="24h"\} 1/);
    expect(text).toMatch(/^# TYPE baylanys_site_in_octets_total counter$/m);
    expect(text).toMatch(/^baylanys_process_cpu_seconds_total /m);
    expect(text).not.toContain(COMMUNITY);
    expect(text).not.toContain('127.0.0.1');
  });

  it('a site in configuration error is up = 0 with config_error = 1, never absent (issue 12)', () => {
    expect(line('baylanys_site_up', 'm-3')).toMatch(/ 0$/);
    expect(line('baylanys_site_config_error', 'm-3')).toMatch(/ 1$/);
    expect(line('baylanys_site_config_error', 'm-1')).toMatch(/ 0$/);
  });

  it('a WAN port switched off on purpose is not exported as up = 0 (admin_down = 1 instead)', () => {
    expect(line('baylanys_site_up', 'm-4')).toBeUndefined();
    expect(line('baylanys_site_admin_down', 'm-4')).toMatch(/ 1$/);
    expect(line('baylanys_site_admin_down', 'm-2')).toMatch(/ 0$/);
  });

  it('a per-site poll counter by outcome, every outcome present from 0', () => {
    const polls = (site: string, outcome: string) =>
      text.split('\n').find((l) => l.startsWith('baylanys_site_polls_total{') && l.includes(`site_id="${site}"`) && l.includes(`outcome="${outcome}"`));
    expect(polls('m-1', 'up')).toMatch(/ 2$/);
    expect(polls('m-1', 'error')).toMatch(/ 0$/);
    expect(polls('m-1', 'unreachable')).toMatch(/ 0$/);
    expect(polls('m-1', 'link_down')).toMatch(/ 0$/);
    expect(polls('m-2', 'unreachable')).toMatch(/ 2$/);
    expect(polls('m-3', 'error')).toMatch(/ 1$/);
    expect(text).toMatch(/^# TYPE baylanys_site_polls_total counter$/m);
  });

  it('uses its own registry, not the global default', async () => {
    expect(await globalRegistry.metrics()).not.toContain('baylanys_site_up');
  });

  it('passes promtool check metrics', () => {
    const promtool = requirePeer('promtool', 'apt-get install prometheus');
    if (!promtool) return;
    // promtool exits non-zero on lint problems; its output names them.
    const out = execFileSync(promtool, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(out).toBe('');
  });
});
