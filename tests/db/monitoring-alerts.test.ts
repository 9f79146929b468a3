// Alerts: enqueued exactly once per outage and kind, delivered to a real local HTTP receiver that
// fails the first attempt, retried after the backoff, silenced by a maintenance window.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs, dispatchAlerts } from '../../server/src/monitoring/alerts.ts';
import { recordSamples } from '../../server/src/monitoring/store.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addSite, sample, seedFacilities, T0 } from './monitoring-fixtures.ts';

type Received = { key: string | undefined; body: Record<string, unknown> };
let db: TestDatabase;
let server: Server;
let url: string;
const received: Received[] = [];
let failNext = 1;

beforeAll(async () => {
  db = await openTestDatabase();
  await seedFacilities(db);
  await addSite(db, 'al-1');
  await addSite(db, 'al-2');
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end('busy');
        return;
      }
      received.push({ key: req.headers['idempotency-key'] as string | undefined, body: JSON.parse(body) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await db?.close();
});

// Down from 60 s every minute until 420 s: the outage starts at 60, lasts 5 min at 360.
const outage = (site: string) => [
  sample(site, 0),
  ...[60, 120, 180, 240, 300, 360, 420].map((t) => sample(site, t, { outcome: 'unreachable' })),
];

describe('alerts', () => {
  it('backs off exponentially, capped', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(backoffMs(30)).toBe(15 * 60_000);
  });

  it('enqueues the start alert once the outage has lasted 5 min, and only once', async () => {
    await recordSamples(db, outage('al-1'));
    await recordSamples(db, outage('al-1')); // a replay
    const rows = await db.query<{ kind: string; payload: { startedAt: string; cause: string } }>(
      `SELECT kind, payload FROM alert_outbox ORDER BY id`);
    expect(rows.map((r) => [r.kind, r.payload.cause])).toEqual([['outage_start', 'unreachable']]);
    expect(new Date(rows[0]!.payload.startedAt).getTime()).toBe(T0 + 60_000);
  });

  it('retries after a failed delivery and marks it delivered', async () => {
    const now = T0 + 430_000;
    expect(await dispatchAlerts(db, { webhookUrl: url }, now)).toEqual({ delivered: 0, failed: 1 });
    // Not due again before the 10 s backoff.
    expect(await dispatchAlerts(db, { webhookUrl: url }, now + 5_000)).toEqual({ delivered: 0, failed: 0 });
    expect(await dispatchAlerts(db, { webhookUrl: url }, now + 10_000)).toEqual({ delivered: 1, failed: 0 });
    expect(await dispatchAlerts(db, { webhookUrl: url }, now + 60_000)).toEqual({ delivered: 0, failed: 0 });
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toMatchObject({ kind: 'outage_start', siteId: 'al-1', cause: 'unreachable' });
    expect(received[0]!.key).toMatch(/^baylanys-alert-\d+$/);
    const [row] = await db.query<{ attempts: number; delivered: boolean }>(
      `SELECT attempts, delivered_at IS NOT NULL AS delivered FROM alert_outbox`);
    expect(row).toEqual({ attempts: 2, delivered: true });
  });

  it('sends the end alert once when the outage closes', async () => {
    await recordSamples(db, [sample('al-1', 480), sample('al-1', 540)]);
    await recordSamples(db, [sample('al-1', 480)]);
    expect(await dispatchAlerts(db, { webhookUrl: url }, T0 + 600_000)).toEqual({ delivered: 1, failed: 0 });
    expect(received.map((r) => r.body.kind)).toEqual(['outage_start', 'outage_end']);
    expect(received[1]!.body).toMatchObject({ durationS: 420 }); // 60 → 480 s
  });

  it('stays silent during a maintenance window', async () => {
    await db.query(
      `INSERT INTO maintenance_window (site_id, starts_at, ends_at, reason) VALUES ('al-2', $1, $2, 'power works')`,
      [new Date(T0), new Date(T0 + 3_600_000)]);
    await recordSamples(db, [...outage('al-2'), sample('al-2', 480)]);
    const [n] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM alert_outbox a JOIN outage o ON o.id = a.outage_id WHERE o.site_id = 'al-2'`);
    expect(n!.n).toBe(0);
    // The outage itself is still logged; it is only excluded from SLA and alerts.
    const [o] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outage WHERE site_id = 'al-2'`);
    expect(o!.n).toBe(1);
  });
});
