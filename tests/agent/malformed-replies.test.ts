// Issue 12 (1, 9): a device that answers with garbage must cost one `error` sample with a message
// that says what was wrong — not a crash of the agent (and, in embedded mode, of the whole server),
// not "Socket forcibly closed" — and every other site keeps being polled. Each corpus case is a
// real UDP device (tests/agent/support/fake-device.ts) polled by the real agent and net-snmp.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent } from '../../server/src/agent/agent.ts';
import type { SampleSink } from '../../server/src/agent/sample-writer.ts';
import type { AgentSite } from '../../server/src/agent/site.ts';
import { createNetSnmpClient } from '../../server/src/agent/snmp-client.ts';
import type { PollSample } from '../../server/src/monitoring/poll-sample.ts';
import { startFakeDevice, type FakeDevice } from './support/fake-device.ts';
import { GOOD_REPLY, MALFORMED_REPLIES } from './support/malformed-corpus.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the malformed-reply corpus against the running agent', () => {
  const devices: FakeDevice[] = [];
  const made: PollSample[] = [];
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown) => uncaught.push(err);
  let dir: string;

  const site = (id: string, port: number): AgentSite => ({
    id, host: '127.0.0.1', port, version: '2c', community: 'bl-corpus', wan: { ifIndex: 2 }, intervalS: 1,
    committedMbps: null, facilityKind: 'school', region: 'test', operator: 'test',
  });

  beforeAll(async () => {
    process.on('uncaughtException', onUncaught);
    dir = mkdtempSync(path.join(tmpdir(), 'baylanys-corpus-'));
    const sites: AgentSite[] = [];
    for (const [i, c] of [{ name: 'healthy', reply: GOOD_REPLY }, ...MALFORMED_REPLIES].entries()) {
      const dev = await startFakeDevice(c.reply);
      devices.push(dev);
      sites.push(site(i === 0 ? 'healthy' : `case-${i - 1}`, dev.port));
    }
    const sink: SampleSink = { write: async (s) => ({ inserted: s.length, duplicates: 0 }) };
    const client = createNetSnmpClient({ timeoutMs: 400, retries: 0 });
    const agent = await startAgent({
      sites: { list: async () => sites }, sink, client, bufferDir: dir, agentId: 'corpus', processMetrics: false,
      probeOnTimeout: false, onSample: (s) => made.push(s),
    });
    await sleep(3_300); // three 1 s intervals: every site polled at least twice
    // Bounded: a poll whose reply crashed inside net-snmp never settles, and stop() waits for polls.
    await Promise.race([agent.stop(), sleep(5_000)]);
    client.close();
  });
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await Promise.all(devices.map((d) => d.close()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('nothing escaped into the process (no uncaught exception)', () => {
    expect(uncaught.map((e) => String((e as Error)?.message ?? e))).toEqual([]);
  });

  it('the healthy site next to them was polled every interval, always up', () => {
    const mine = made.filter((s) => s.siteId === 'healthy');
    expect(mine.length).toBeGreaterThanOrEqual(3);
    expect(new Set(mine.map((s) => s.outcome))).toEqual(new Set(['up']));
  });

  describe.each(MALFORMED_REPLIES.map((c, i) => ({ ...c, id: `case-${i}` })))('$name', ({ id, error }) => {
    it('is an error sample, at every poll, saying what was wrong in printable text', () => {
      const mine = made.filter((s) => s.siteId === id);
      expect(mine.length).toBeGreaterThanOrEqual(2); // still polled after the first bad reply
      for (const s of mine) {
        expect(s.outcome).toBe('error');
        expect(s.error).toMatch(error);
        expect(s.error).not.toMatch(/Socket forcibly closed/);
        expect(s.error).not.toMatch(/[\u0000-\u001f\u007f]/);
        expect(s.error).not.toContain('bl-corpus'); // never the community
      }
    });
  });
});
