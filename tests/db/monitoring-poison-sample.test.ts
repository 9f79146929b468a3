// Issue 12 (2): one bad sample blocked every database write for good — a reply community with a
// NUL byte ended up in the error text, PostgreSQL refused the whole batch ("unsupported Unicode
// escape sequence"), the batch went to the disk buffer and every later batch queued behind it.
// Now device text is cleaned before storage, and a batch the database refuses as data is split
// until the bad row stands alone: that row is set aside (counted, logged with its site), the rest
// is stored, and nothing queues behind it. Runs on both backends.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent } from '../../server/src/agent/agent.ts';
import { databaseSampleSink } from '../../server/src/agent/db-sources.ts';
import { DiskBuffer } from '../../server/src/agent/disk-buffer.ts';
import { SampleWriter } from '../../server/src/agent/sample-writer.ts';
import { siteForEndpoint, startSimulator } from '../../server/src/agent/simulator/index.ts';
import { createLogger } from '../../server/src/logger.ts';
import type { PollSample } from '../../server/src/monitoring/poll-sample.ts';
import { recordSamples } from '../../server/src/monitoring/store.ts';
import { openTestDatabase, serverUrl, type TestDatabase } from '../support/db.ts';
import { addSite, sample, seedFacilities, T0 } from './monitoring-fixtures.ts';

const SITES = Array.from({ length: 35 }, (_, i) => `s-${String(i).padStart(2, '0')}`);
/** to_timestamp(1e14 s) is past PostgreSQL's year 294276: SQLSTATE 22008, a data error no retry fixes. */
const POISON_AT = 1e17;
const NUL_ERROR = "Community 'x' in request does not match community 'bl\u0000\u0001x' in response";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`a poison sample on the ${serverUrl ? 'PostgreSQL server' : 'embedded'} backend`, () => {
  let db: TestDatabase;
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'baylanys-poison-'));
    dirs.push(d);
    return d;
  };
  const storedAt = async (s: number) =>
    (await db.query<{ site_id: string }>('SELECT site_id FROM poll_sample WHERE polled_at = to_timestamp($1 / 1000.0) ORDER BY site_id', [T0 + s * 1000])).map((r) => r.site_id);
  const round = (s: number, poison?: string): PollSample[] =>
    SITES.map((id) => sample(id, s, id === poison ? { polledAt: POISON_AT, sampleId: `${id}:poison:${s}` } : {}));

  beforeAll(async () => {
    db = await openTestDatabase();
    await seedFacilities(db);
    for (const id of SITES) await addSite(db, id);
  });
  afterAll(async () => {
    await db?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('a NUL byte in the error text is stored as visible text, with the rest of its batch', async () => {
    const r = await recordSamples(db, [
      sample('s-00', 10, { outcome: 'error', error: NUL_ERROR, ifOperStatus: null, counterBits: null }),
      sample('s-01', 10),
    ]);
    expect(r.inserted).toBe(2);
    const [row] = await db.query<{ error: string }>(`SELECT error FROM poll_sample WHERE sample_id = 's-00:10'`);
    expect(row!.error).toBe("Community 'x' in request does not match community 'bl\\x00\\x01x' in response");
    const [state] = await db.query<{ last_error: string }>(`SELECT last_error FROM site_state WHERE site_id = 's-00'`);
    expect(state!.last_error).toContain('bl\\x00\\x01x');
  });

  it('the writer splits a refused batch: 34 of 35 stored, the poison row set aside with its site, nothing buffered', async () => {
    const dir = tempDir();
    const buffer = new DiskBuffer(dir);
    await buffer.open();
    const rejected: string[] = [];
    const writer = new SampleWriter(databaseSampleSink(db), buffer, { batchSize: 100, flushMs: 60_000, onRejected: (s) => rejected.push(s.siteId) });
    for (const s of round(20, 's-17')) writer.add(s);
    await writer.flush();
    expect(await storedAt(20)).toEqual(SITES.filter((id) => id !== 's-17'));
    expect(rejected).toEqual(['s-17']);
    expect(writer.stats.rejected).toBe(1);
    expect(writer.stats.writeFailures).toBe(0);
    expect(buffer.isEmpty()).toBe(true);
    const aside = readFileSync(path.join(dir, 'rejected.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(aside.map((a) => a.sample.siteId)).toEqual(['s-17']);

    // The next round is not blocked behind it.
    for (const s of round(30)) writer.add(s);
    await writer.close();
    expect(await storedAt(30)).toEqual(SITES);
  });

  it('a poison row an older agent left in the disk buffer is set aside on replay; the rows around it are stored', async () => {
    const dir = tempDir();
    const old = new DiskBuffer(dir);
    await old.open();
    await old.append(round(40, 's-05'));
    const buffer = new DiskBuffer(dir);
    await buffer.open();
    const writer = new SampleWriter(databaseSampleSink(db), buffer, { batchSize: 500 });
    await writer.start();
    await writer.close();
    expect(await storedAt(40)).toEqual(SITES.filter((id) => id !== 's-05'));
    expect(writer.stats.rejected).toBe(1);
    expect(buffer.isEmpty()).toBe(true);
  });

  it('the running agent counts it (baylanys_agent_rejected_samples_total) and logs a line naming the site', async () => {
    const sim = await startSimulator({ devices: [{ id: 'dev-a', scenario: { kind: 'normal' } }, { id: 'dev-b', scenario: { kind: 'normal' } }] });
    const lines: string[] = [];
    const logger = createLogger('info', new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) }));
    const real = databaseSampleSink(db);
    // A fault no device can cause any more (text is cleaned): site s-31's polls are corrupted on the way in.
    const sink = { write: (b: PollSample[]) => real.write(b.map((s) => (s.siteId === 's-31' ? { ...s, polledAt: POISON_AT } : s))) };
    const sites = [siteForEndpoint(sim.endpoints[0]!, { id: 's-31', intervalS: 1 }), siteForEndpoint(sim.endpoints[1]!, { id: 's-32', intervalS: 1 })];
    const agent = await startAgent({ sites: { list: async () => sites }, sink, bufferDir: tempDir(), agentId: 'poison', processMetrics: false, flushMs: 100, logger, metricsPort: 0 });
    try {
      await sleep(2_600);
      // The agent keeps polling: read the counter, the log, the counter again, and the log's count
      // must lie between the two (one rejection, one line, whenever it lands).
      const rejectedCount = async () => Number(/^baylanys_agent_rejected_samples_total (\d+)/m.exec(await (await fetch(agent.metricsUrl!)).text())?.[1]);
      const before = await rejectedCount();
      expect(before).toBeGreaterThanOrEqual(1);
      const logged = lines.map((l) => JSON.parse(l)).filter((l) => /rejected by the database/.test(l.msg));
      const after = await rejectedCount();
      expect(logged.length).toBeGreaterThanOrEqual(before);
      expect(logged.length).toBeLessThanOrEqual(after);
      expect(logged[0]).toMatchObject({ site: 's-31', level: 50 });
      expect(logged[0].msg).toContain('s-31');
      const stored = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM poll_sample WHERE site_id = 's-32' AND sample_id LIKE 'poison:%'`);
      expect(stored[0]!.n).toBeGreaterThanOrEqual(2);
      expect(agent.stats().buffered).toBe(0);
    } finally {
      await agent.stop();
      await sim.stop();
    }
  });
});
