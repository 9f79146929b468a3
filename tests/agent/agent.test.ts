// The agent process in-process against simulated devices: spread polls, batched writes, the disk
// buffer while the sink is down, replay after recovery and after a restart, the bound, /metrics,
// and sessions closed for removed sites. The sink is an in-memory SampleSink (the interface the
// database store implements; tests/agent/agent-database.test.ts uses the real one).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../../server/src/agent/agent.ts';
import type { SampleSink } from '../../server/src/agent/sample-writer.ts';
import type { AgentSite } from '../../server/src/agent/site.ts';
import { siteForEndpoint, startSimulator, type RunningSimulator } from '../../server/src/agent/simulator/index.ts';
import type { PollSample } from '../../server/src/monitoring/poll-sample.ts';
import { findBinary } from '../support/peers.ts';

/** Stores sample ids like the database does (idempotent); can be told to fail like a database that is down. */
class MemorySink implements SampleSink {
  received: PollSample[] = [];
  ids = new Set<string>();
  down = false;
  async write(samples: PollSample[]) {
    if (this.down) throw new Error('connection refused (sink is down)');
    let inserted = 0;
    for (const s of samples) {
      if (this.ids.has(s.sampleId)) continue;
      this.ids.add(s.sampleId);
      this.received.push(s);
      inserted++;
    }
    return { inserted, duplicates: samples.length - inserted };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, ms = 15_000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(50);
  }
}

describe('startAgent with simulated devices', () => {
  let sim: RunningSimulator;
  let sites: AgentSite[];
  const dirs: string[] = [];
  const agents: RunningAgent[] = [];
  const tempDir = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'baylanys-agent-'));
    dirs.push(d);
    return d;
  };
  const start = async (o: Partial<Parameters<typeof startAgent>[0]> & { sink: SampleSink }) => {
    const a = await startAgent({ sites: { list: async () => sites }, bufferDir: tempDir(), agentId: 'test-agent', flushMs: 100, batchSize: 20, processMetrics: false, ...o });
    agents.push(a);
    return a;
  };

  beforeAll(async () => {
    sim = await startSimulator({ devices: Array.from({ length: 6 }, (_, i) => ({ id: `dev-${i}`, scenario: { kind: 'normal' as const } })) });
    sites = sim.endpoints.map((ep) => siteForEndpoint(ep, { intervalS: 1 }));
  });
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.stop()));
  });
  afterAll(async () => {
    await sim?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('polls every site once per interval at its own phase and writes the samples in batches', async () => {
    const sink = new MemorySink();
    const made: PollSample[] = [];
    const agent = await start({ sink, onSample: (s) => made.push(s) });
    await sleep(3_200);
    await agent.stop();
    // 6 sites × ~3 intervals of 1 s: each site polled 3 or 4 times, never twice within one interval.
    for (const site of sites) {
      const times = made.filter((s) => s.siteId === site.id).map((s) => s.polledAt);
      expect(times.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThan(700);
    }
    expect(made.every((s) => s.outcome === 'up')).toBe(true);
    expect(sink.received.map((s) => s.sampleId).sort()).toEqual(made.map((s) => s.sampleId).sort());
  });

  it('buffers on disk while the sink is down and replays in order, without loss or duplicates', async () => {
    const sink = new MemorySink();
    const made: PollSample[] = [];
    const agent = await start({ sink, onSample: (s) => made.push(s) });
    await sleep(1_200);
    sink.down = true;
    await until(() => agent.stats().buffered > 10);
    const dir = dirs.at(-1)!;
    expect(readdirSync(dir).some((f) => f.endsWith('.ndjson'))).toBe(true);
    expect(agent.stats().writeFailures).toBeGreaterThan(0);
    sink.down = false;
    await until(() => agent.stats().buffered === 0);
    await agent.stop();
    expect(sink.received.length).toBe(made.length); // polls made == samples stored
    expect(sink.ids.size).toBe(made.length); // … each once
    for (const site of sites) {
      const order = sink.received.filter((s) => s.siteId === site.id).map((s) => s.polledAt);
      expect(order).toEqual([...order].sort((a, b) => a - b)); // replayed in poll order
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.ndjson'))).toEqual([]);
  });

  it('a restart replays what the previous run left on disk', async () => {
    const sink = new MemorySink();
    sink.down = true;
    const made: PollSample[] = [];
    const bufferDir = tempDir();
    const first = await start({ sink, bufferDir, onSample: (s) => made.push(s) });
    await sleep(1_500);
    await first.stop(); // flushes into the buffer: the sink is still down
    expect(made.length).toBeGreaterThan(0);
    expect(first.stats().buffered).toBe(made.length);
    sink.down = false;
    const second = await start({ sink, bufferDir, sites: { list: async () => [] } });
    await until(() => sink.received.length === made.length);
    expect(second.stats().buffered).toBe(0);
    expect(new Set(sink.received.map((s) => s.sampleId))).toEqual(new Set(made.map((s) => s.sampleId)));
  });

  it('past its bound the buffer drops the oldest samples and counts them: stored + dropped == made', async () => {
    const sink = new MemorySink();
    sink.down = true;
    const made: PollSample[] = [];
    const agent = await start({ sink, bufferMaxBytes: 6_000, onSample: (s) => made.push(s) });
    await until(() => agent.stats().dropped > 0);
    sink.down = false;
    await agent.stop();
    const { dropped } = agent.stats();
    expect(sink.received.length + dropped).toBe(made.length);
    const kept = new Set(sink.received.map((s) => s.sampleId));
    // What survived is the newest part: no stored sample is older than a dropped one.
    const lost = made.filter((s) => !kept.has(s.sampleId));
    expect(lost.length).toBe(dropped);
    const newestLost = Math.max(...lost.map((s) => s.polledAt));
    const oldestKept = Math.min(...sink.received.map((s) => s.polledAt));
    expect(newestLost).toBeLessThanOrEqual(oldestKept + 100); // batches follow completion order, ±ms
  });

  it('serves /metrics: polls by outcome, durations, queue lag, buffer — valid for promtool, no site data', async () => {
    const agent = await start({ sink: new MemorySink(), metricsPort: 0, processMetrics: true });
    await until(() => agent.stats().polls >= sites.length);
    const text = await (await fetch(agent.metricsUrl!)).text();
    expect(text).toMatch(/baylanys_agent_polls_total\{outcome="up"\} \d+/);
    expect(text).toContain('baylanys_agent_poll_duration_seconds_bucket');
    expect(text).toContain('baylanys_agent_queue_lag_seconds_count');
    expect(text).toContain('baylanys_agent_buffered_samples 0');
    expect(text).toContain('baylanys_agent_write_failures_total 0');
    // Every outcome from 0, and the dropped samples as a counter (issue 12).
    for (const outcome of ['up', 'link_down', 'unreachable', 'error']) expect(text).toMatch(new RegExp(`baylanys_agent_polls_total\\{outcome="${outcome}"\\} \\d+`));
    expect(text).toMatch(/^# TYPE baylanys_agent_buffer_dropped_samples_total counter$/m);
    expect(text).toContain('baylanys_agent_buffer_dropped_samples_total 0');
    expect(text).toContain('baylanys_agent_process_cpu_seconds_total');
    // Per site only the poll counter (site id and outcome: issue 15, the raw series a Prometheus in
    // agent mode remote-writes); derived per-site series are the server's, and no addresses.
    const siteSeries = text.split('\n').filter((l) => l.includes('site="'));
    expect(siteSeries.length).toBeGreaterThan(0);
    expect(siteSeries.every((l) => /^baylanys_agent_site_polls_total\{site="[^"]+",outcome="\w+"\} \d+$/.test(l))).toBe(true);
    expect(text).not.toContain('127.0.0.1');
    const promtool = findBinary('promtool');
    if (promtool) {
      const r = spawnSync(promtool, ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect(r.stdout + r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
  });

  it('closes the SNMP sessions of sites removed from the list', async () => {
    let list = sites;
    const agent = await start({ sink: new MemorySink(), sites: { list: async () => list } });
    await until(() => agent.stats().sessions === sites.length);
    list = sites.slice(0, 2);
    await agent.reload();
    expect(agent.stats().sites).toBe(2);
    expect(agent.stats().sessions).toBe(2);
  });
});
