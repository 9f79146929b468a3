// Issue 12 (4): down time was undercounted because re-checks were timed from the *end* of a
// timed-out poll (timeout × tries + probe later), so at n ≥ 3 the gap between polls grew past the
// 2 × interval a sample may stand for, and part of every outage became "unknown" (a 90 s outage
// at 10 s: 72 s down + 12 s unknown). Polls are now on the fixed interval grid from their start.
// Real agent, simulated device, real time scaled down: interval 1 s, a timed-out poll ≈ 0.75 s
// (250 ms × 2 tries + a 250 ms probe), a 9 s outage — the 90 s at 10 s of the issue, at 1/10.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAgent } from '../../server/src/agent/agent.ts';
import { siteForEndpoint, startSimulator } from '../../server/src/agent/simulator/index.ts';
import { createNetSnmpClient } from '../../server/src/agent/snmp-client.ts';
import type { PollSample } from '../../server/src/monitoring/poll-sample.ts';
import { availability } from '../../server/src/monitoring/rules/availability.ts';
import { pollClass } from '../../server/src/monitoring/rules/poll-outcome.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a scripted outage, counted by the real agent', () => {
  it('9 s of outage at a 1 s interval is counted down within one interval, with no unknown time inside it', async () => {
    const intervalMs = 1000;
    // Outage during [4 s, 13 s) of every 13 s period from the simulator's start.
    const sim = await startSimulator({ devices: [{ id: 'dev', scenario: { kind: 'outage', periodMs: 13_000, activeMs: 9_000 } }] });
    const outage = { from: sim.startedAt + 4_000, to: sim.startedAt + 13_000 };
    const dir = mkdtempSync(path.join(tmpdir(), 'baylanys-outage-'));
    const client = createNetSnmpClient({ timeoutMs: 250, retries: 1 });
    const made: PollSample[] = [];
    const agent = await startAgent({
      sites: { list: async () => [siteForEndpoint(sim.endpoints[0]!, { id: 'site-outage', intervalS: intervalMs / 1000 })] },
      sink: { write: async (b) => ({ inserted: b.length, duplicates: 0 }) }, client, bufferDir: dir, processMetrics: false,
      onSample: (s) => made.push(s),
    });
    try {
      await sleep(outage.to - Date.now() + 2_500);
    } finally {
      await agent.stop();
      client.close();
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    const samples = made.sort((a, b) => a.polledAt - b.polledAt).map((s) => ({ at: s.polledAt, cls: pollClass(s) }));
    const a = availability({ samples, window: { from: outage.from - 1_500, to: outage.to + 1_500 }, intervalMs });
    const gaps = samples.slice(1).map((s, i) => s.at - samples[i]!.at);
    // Polls keep the grid: timed from the end of a timed-out poll, every poll of the outage came
    // 1.75 s after the last (7 or more such gaps). One late tick of a loaded CI machine (seen once:
    // 1.95 s) is tolerated; it is not the defect. No gap may reach 2 × interval.
    const late = gaps.filter((g) => g > intervalMs + 300);
    expect(late.length, `gaps between polls: ${gaps.join(', ')}`).toBeLessThanOrEqual(1);
    expect(Math.max(...gaps), `gaps between polls: ${gaps.join(', ')}`).toBeLessThan(2 * intervalMs);
    expect(a.unknownMs).toBe(0);
    // Within one interval, plus the time a poll takes to be sent and answered on a loaded machine
    // (seen: 1,004 ms off) — the defect was 1.75 s per poll, growing with the outage.
    expect(Math.abs(a.downMs - 9_000), `down ${a.downMs} ms`).toBeLessThanOrEqual(intervalMs + 150);
  });
});
