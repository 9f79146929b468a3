// Many agents (issue 15): two agents share 120 simulated sites by slot leases in the database;
// one is killed (stops renewing, gives nothing back) and the other takes its slots over. Each site
// is polled on its own grid (phase + k × interval, agent/schedule.ts), whichever agent polls it, so
// the checks count grid steps, not milliseconds (a loaded machine starts polls a little late):
// never two polls in one step (no duplicate), never more than two steps between polls (one missed
// poll at most, at a hand-over; no site left unpolled). Interval 10 s; lease 4 s renewed every
// second, so a takeover waits ≤ 5 s, less than one interval.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLeasedAgent } from '../../server/src/agent/db-sources.ts';
import { phaseOffsetMs } from '../../server/src/agent/schedule.ts';
import { startSimulator, type RunningSimulator } from '../../server/src/agent/simulator/index.ts';
import { createSite } from '../../server/src/monitoring/sites.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

const secretKey = randomBytes(32).toString('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SITES = 120, INTERVAL_S = 10;
const lease = { slots: 32, ttlMs: 4_000, renewMs: 1_000 };

let db: TestDatabase;
let sim: RunningSimulator;
let dir: string;
beforeAll(async () => {
  db = await openTestDatabase();
  sim = await startSimulator({ devices: Array.from({ length: 4 }, (_, i) => ({ id: `lease-dev-${i}`, scenario: { kind: 'normal' as const } })) });
  await db.query(`INSERT INTO dataset (id, layer, title, licence, provenance) VALUES ('test', 'facilities', 'test', 'CC0', 'illustrative')`);
  await db.query(`INSERT INTO facility (id, kind, name, geom, dataset_id, provenance) VALUES ('fac-l', 'school', 'L', ST_SetSRID(ST_MakePoint(71.4, 51.1), 4326), 'test', 'illustrative')`);
  for (let i = 0; i < SITES; i++) {
    // Many sites share a simulated device: the lease decides who polls, not the endpoint.
    const ep = sim.endpoints[i % sim.endpoints.length]!;
    await createSite(db, secretKey, {
      id: `lease-${String(i).padStart(3, '0')}`, facilityId: 'fac-l', name: `L${i}`, host: ep.host, port: ep.port,
      snmp: { version: '2c', community: ep.community }, wan: { ifName: ep.wanName }, intervalS: INTERVAL_S,
    });
  }
  dir = mkdtempSync(path.join(tmpdir(), 'baylanys-lease-'));
});
afterAll(async () => {
  await sim?.stop();
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('two agents share the sites; when one is killed the other polls all of them within an interval', async () => {
  const start = (agentId: string) => startLeasedAgent(db, {
    secretKey, dataDir: dir, bufferDir: path.join(dir, agentId), agentId, lease: { agentId, ...lease },
    flushMs: 200, processMetrics: false,
  });
  const a = await start('agent-a');
  const b = await start('agent-b');
  const began = Date.now();
  await sleep(3 * lease.renewMs + 500);
  // Balanced: each holds its fair share of the 32 slots, and together all of them.
  expect(a.keeper.held().size).toBe(16);
  expect(b.keeper.held().size).toBe(16);
  await sleep(2 * INTERVAL_S * 1000);
  expect(b.agent.stats().polls).toBeGreaterThan(0);
  // Killed: no renewal, no release, no more polls.
  const killedAt = Date.now();
  await b.keeper.stop({ release: false });
  await b.agent.stop({ graceMs: 0 });
  await sleep(3 * INTERVAL_S * 1000);
  expect(a.keeper.held().size).toBe(32);
  const ended = Date.now();
  await a.agent.stop();
  await a.keeper.stop({ release: true });

  const rows = await db.query<{ site_id: string; at: number; agent: string }>(
    `SELECT site_id, (extract(epoch FROM polled_at) * 1000)::float8 AS at, split_part(sample_id, ':', 1) AS agent
     FROM poll_sample ORDER BY site_id, polled_at`);
  const bySite = new Map<string, { at: number; agent: string }[]>();
  for (const r of rows) (bySite.get(r.site_id) ?? bySite.set(r.site_id, []).get(r.site_id)!).push(r);
  expect(bySite.size).toBe(SITES);
  const I = INTERVAL_S * 1000;
  let fewestSteps = Infinity, mostSteps = 0;
  const afterKill = new Set<string>();
  for (const [site, polls] of bySite) {
    const phase = phaseOffsetMs(site, I);
    const step = (at: number) => Math.round((at - phase) / I);
    // From one interval after the start (the first round of both agents) to the end.
    const seen = polls.filter((p) => p.at >= began + I);
    for (let i = 1; i < polls.length; i++) fewestSteps = Math.min(fewestSteps, step(polls[i]!.at) - step(polls[i - 1]!.at));
    for (let i = 1; i < seen.length; i++) mostSteps = Math.max(mostSteps, step(seen[i]!.at) - step(seen[i - 1]!.at));
    mostSteps = Math.max(mostSteps, Math.floor((ended - phase) / I) - step(seen[seen.length - 1]!.at));
    for (const p of polls) if (p.at > killedAt + I) afterKill.add(p.agent);
  }
  expect(fewestSteps).toBe(1); // never two polls of a site in one step
  expect(mostSteps).toBeLessThanOrEqual(2); // at most one missed step, at a hand-over
  expect([...afterKill]).toEqual(['agent-a']);
  // Both agents really polled: the killed one had its share before.
  expect(new Set(rows.map((r) => r.agent))).toEqual(new Set(['agent-a', 'agent-b']));
}, 120_000);
