// The agent writing through monitoring's store into a real database while devices are polled.
// On the PostgreSQL server (DATABASE_URL) the database is made unreachable mid-run — connections
// refused and the live ones terminated — then allowed again: every poll made must be stored exactly
// once. On the embedded backend the agent runs in-process (as inside the server) and the same
// count must hold.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent } from '../../server/src/agent/agent.ts';
import { databaseSampleSink, databaseSiteSource } from '../../server/src/agent/db-sources.ts';
import { startDemoFleet } from '../../server/src/agent/simulator/demo.ts';
import { DEMO_DEVICES, seedDemoSites } from '../../server/src/agent/simulator/demo-sites.ts';
import { startSimulator, type RunningSimulator } from '../../server/src/agent/simulator/index.ts';
import { createSite } from '../../server/src/monitoring/sites.ts';
import type { PollSample } from '../../server/src/monitoring/poll-sample.ts';
import { openTestDatabase, serverUrl, type TestDatabase } from '../support/db.ts';

const secretKey = randomBytes(32).toString('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean | Promise<boolean>, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(100);
  }
}

describe(`agent → store on the ${serverUrl ? 'PostgreSQL server' : 'embedded'} backend`, () => {
  let db: TestDatabase;
  let sim: RunningSimulator;
  let bufferDir: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    sim = await startSimulator({
      devices: [
        ...Array.from({ length: 6 }, (_, i) => ({ id: `demo-up-${i}`, scenario: { kind: 'normal' as const } })),
        { id: 'demo-down', scenario: { kind: 'outage' as const, periodMs: 600_000, activeMs: 600_000 } },
        { id: 'demo-link', scenario: { kind: 'link_down' as const, periodMs: 600_000, activeMs: 600_000 } },
      ],
    });
    await db.query(`INSERT INTO dataset (id, layer, title, licence, provenance) VALUES ('test', 'facilities', 'test', 'CC0', 'illustrative')`);
    const facilityIds = Array.from({ length: 12 }, (_, i) => `fac-${String(i).padStart(2, '0')}`);
    for (const id of facilityIds) {
      await db.query(
        `INSERT INTO facility (id, kind, name, geom, dataset_id, provenance) VALUES ($1, 'school', $1, ST_SetSRID(ST_MakePoint(71.4, 51.1), 4326), 'test', 'illustrative')`,
        [id],
      );
    }
    for (const input of seedDemoSites(sim.endpoints, facilityIds, { intervalS: 10 })) await createSite(db, secretKey, input);
    bufferDir = mkdtempSync(path.join(tmpdir(), 'baylanys-agent-db-'));
  });
  afterAll(async () => {
    await sim?.stop();
    await db?.close();
    if (bufferDir) rmSync(bufferDir, { recursive: true, force: true });
  });

  it('the sites come back from the inventory with their credentials, and every poll is stored once', async () => {
    const listed = await databaseSiteSource(db, secretKey).list();
    expect(listed.map((s) => s.id).sort()).toEqual(sim.endpoints.map((e) => e.id).sort());
    expect(listed.every((s) => s.community === 'public' && s.wan.ifName === 'wan0')).toBe(true);

    const made: PollSample[] = [];
    // The inventory's shortest interval is 10 s; the test polls every second to get a count quickly.
    const sites = { list: async () => (await databaseSiteSource(db, secretKey).list()).map((s) => ({ ...s, intervalS: 1 })) };
    const agent = await startAgent({ sites, sink: databaseSampleSink(db), bufferDir, agentId: 'db-test', flushMs: 200, batchSize: 25, processMetrics: false, onSample: (s) => made.push(s) });
    await sleep(2_500);

    let admin: pg.Client | undefined;
    if (serverUrl) {
      // Make the database unreachable for a while: refuse new connections, end the live ones.
      const name = new URL(db.url!).pathname.slice(1);
      admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      await until(() => agent.stats().buffered > 0 && agent.stats().writeFailures > 1);
      await sleep(2_000);
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await until(() => agent.stats().buffered === 0 && made.length > 60);
    await agent.stop();

    const [row] = await db.query<{ n: number; distinct_ids: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT sample_id)::int AS distinct_ids FROM poll_sample WHERE sample_id LIKE 'db-test:%'`,
    );
    expect(row!.n).toBe(made.length); // polls made == rows stored: nothing lost
    expect(row!.distinct_ids).toBe(made.length); // … nothing doubled
    if (serverUrl) expect(agent.stats().writeFailures).toBeGreaterThan(0); // the outage really happened

    const outcomes = await db.query<{ site_id: string; outcome: string }>(
      `SELECT DISTINCT site_id, outcome FROM poll_sample WHERE site_id IN ('demo-down', 'demo-link', 'demo-up-0') ORDER BY site_id`,
    );
    expect(outcomes).toEqual([
      { site_id: 'demo-down', outcome: 'unreachable' },
      { site_id: 'demo-link', outcome: 'link_down' },
      { site_id: 'demo-up-0', outcome: 'up' },
    ]);
  }, 120_000);

  it('startDemoFleet puts one site per demo device on facilities, and a restart re-points the same sites', async () => {
    const first = await startDemoFleet(db, secretKey);
    await first.stop();
    const second = await startDemoFleet(db, secretKey);
    try {
      expect(second.siteIds).toEqual(first.siteIds);
      expect(second.siteIds).toEqual(DEMO_DEVICES.map((d) => d.id));
      const listed = new Map((await databaseSiteSource(db, secretKey).list()).map((s) => [s.id, s]));
      for (const ep of second.simulator.endpoints) expect(listed.get(ep.id)?.port).toBe(ep.port);
    } finally {
      await second.stop();
    }
  });
});
