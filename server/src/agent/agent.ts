// The SNMP agent: keeps the site list, polls each site at its phase with bounded concurrency,
// hands samples to the writer (database, else disk), and serves its own /metrics.
import { createServer, type Server } from 'node:http';
import TinyQueue from 'tinyqueue';
import type { Logger } from '../logger.ts';
import type { PollSample } from '../monitoring/poll-sample.ts';
import { DiskBuffer } from './disk-buffer.ts';
import { createAgentMetrics, type AgentMetrics } from './metrics.ts';
import { pollSite, type SiteState } from './poll-site.ts';
import { SampleWriter, type SampleSink } from './sample-writer.ts';
import { nextDueMs, nextPollAt, phaseOffsetMs } from './schedule.ts';
import { targetOf, type AgentSite } from './site.ts';
import { createNetSnmpClient, sessionKey, type SnmpClient } from './snmp-client.ts';

export interface SiteSource {
  list(): Promise<AgentSite[]>;
}

export type StartAgentOptions = {
  sites: SiteSource;
  sink: SampleSink;
  /** Folder of the on-disk buffer used while the database is unreachable. */
  bufferDir: string;
  bufferMaxBytes?: number;
  /** Part of every sampleId; keep it stable across restarts of the same agent. */
  agentId?: string;
  client?: SnmpClient;
  concurrency?: number;
  batchSize?: number;
  flushMs?: number;
  reloadMs?: number;
  /** Serve /metrics on this port (0 = any free port); undefined = no HTTP listener. */
  metricsPort?: number;
  metricsHost?: string;
  /** More Prometheus text for this agent's /metrics (the supervisor's restart counter). */
  metricsExtra?: () => Promise<string>;
  processMetrics?: boolean;
  probeOnTimeout?: boolean;
  logger?: Logger;
  /** Called with every sample as it is made (the in-process server pushes status events from it). */
  onSample?: (sample: PollSample, site: AgentSite) => void;
  /** An error escaped the polling loop (a bug, or a library throwing where it should not): the
   * supervisor (supervisor.ts) stops this agent and starts a fresh one. Default: log and go on. */
  onFault?: (err: unknown) => void;
};

export type RunningAgent = {
  metrics: AgentMetrics;
  metricsUrl: string | undefined;
  stats(): { sites: number; polls: number; inflight: number; pending: number; buffered: number; dropped: number; inserted: number; duplicates: number; writeFailures: number; rejected: number; sessions: number };
  reload(): Promise<void>;
  /** Finishes running polls (at most `graceMs`, default: as long as they take), flushes, closes. */
  stop(options?: { graceMs?: number }): Promise<void>;
};

type Entry = { site: AgentSite; key: string; state: SiteState; phaseMs: number; unreachable: number; generation: number };
type Due = { at: number; id: string; generation: number };

export async function startAgent(o: StartAgentOptions): Promise<RunningAgent> {
  const agentId = o.agentId ?? 'agent';
  const client = o.client ?? createNetSnmpClient();
  const concurrency = o.concurrency ?? 256;
  const log = o.logger;
  const entries = new Map<string, Entry>();
  const heap = new TinyQueue<Due>([], (a, b) => a.at - b.at);
  // Due polls waiting for a free slot, FIFO (an array with a moving head: shift() is O(n)).
  let ready: Due[] = [];
  let readyHead = 0;
  let inflight = 0;
  let polls = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let generation = 0;
  const idle: (() => void)[] = [];
  const fault = (err: unknown) => {
    if (o.onFault) o.onFault(err);
    else log?.error({ err }, 'agent loop error');
  };

  const buffer = new DiskBuffer(o.bufferDir, { maxBytes: o.bufferMaxBytes });
  await buffer.open();
  const metrics = createAgentMetrics({
    processMetrics: o.processMetrics,
    buffered: () => buffer.samples,
  });
  const writer = new SampleWriter(o.sink, buffer, {
    batchSize: o.batchSize,
    flushMs: o.flushMs,
    onWriteFailure: (err) => {
      metrics.writeFailed();
      log?.warn({ err }, 'sample write failed; buffering on disk');
    },
    onError: fault,
    onRejected: (sample, err) => {
      metrics.rejected();
      log?.error({ err, site: sample.siteId, sampleId: sample.sampleId }, `sample of site ${sample.siteId} rejected by the database; set aside in rejected.ndjson`);
    },
  });
  if (!buffer.isEmpty()) log?.info({ samples: buffer.samples }, 'replaying the disk buffer');
  await writer.start();

  function arm(): void {
    if (stopping) return;
    const next = heap.peek();
    clearTimeout(timer);
    timer = undefined;
    if (next) timer = setTimeout(tick, Math.max(0, next.at - Date.now()));
  }

  function tick(): void {
    try {
      const now = Date.now();
      while (heap.length && heap.peek()!.at <= now) ready.push(heap.pop()!);
      pump();
      arm();
    } catch (err) {
      fault(err);
    }
  }

  function pump(): void {
    while (!stopping && inflight < concurrency && readyHead < ready.length) {
      const due = ready[readyHead++]!;
      if (readyHead > 1024 && readyHead * 2 > ready.length) {
        ready = ready.slice(readyHead);
        readyHead = 0;
      }
      const e = entries.get(due.id);
      if (!e || e.generation !== due.generation) continue; // removed or rescheduled since
      run(e, due).catch(fault);
    }
  }

  async function run(e: Entry, due: Due): Promise<void> {
    inflight++;
    const started = Date.now();
    metrics.observeLag(Math.max(0, started - due.at) / 1000);
    let sample: PollSample | undefined;
    try {
      sample = await pollSite(client, e.site, e.state, { agentId, probeOnTimeout: o.probeOnTimeout });
    } catch (err) {
      log?.error({ err, site: e.site.id }, 'poll failed unexpectedly');
    }
    inflight--;
    const current = entries.get(e.site.id) === e && e.generation === due.generation;
    try {
      if (sample && current) {
        polls++;
        metrics.observePoll(sample, (Date.now() - started) / 1000);
        writer.add(sample);
        e.unreachable = sample.outcome === 'unreachable' ? e.unreachable + 1 : 0;
        o.onSample?.(sample, e.site);
      }
    } catch (err) {
      fault(err);
    }
    if (current && !stopping) {
      const at = nextPollAt({ dueAt: due.at, endedAt: Date.now(), unreachable: e.unreachable, intervalMs: e.site.intervalS * 1000, phaseMs: e.phaseMs });
      heap.push({ at, id: e.site.id, generation: e.generation });
      if (heap.peek()!.at === at) arm();
    }
    pump();
    if (inflight === 0) idle.splice(0).forEach((f) => f());
  }

  function schedule(e: Entry, now: number): void {
    heap.push({ at: nextDueMs(now, e.site.intervalS * 1000, e.phaseMs), id: e.site.id, generation: e.generation });
  }

  async function reload(): Promise<void> {
    let list: AgentSite[];
    try {
      list = await o.sites.list();
    } catch (err) {
      log?.warn({ err }, 'site list unavailable; keeping the current one');
      return;
    }
    const now = Date.now();
    const seen = new Set<string>();
    for (const site of list) {
      seen.add(site.id);
      const key = JSON.stringify([sessionKey(targetOf(site)), site.wan, site.intervalS]);
      const old = entries.get(site.id);
      if (old && old.key === key) {
        old.site = site; // labels may change without a new schedule
        continue;
      }
      const e: Entry = { site, key, state: { ifIndex: null }, phaseMs: phaseOffsetMs(site.id, site.intervalS * 1000), unreachable: 0, generation: ++generation };
      entries.set(site.id, e);
      schedule(e, now);
    }
    for (const id of [...entries.keys()]) if (!seen.has(id)) entries.delete(id);
    const closed = client.retain([...entries.values()].map((e) => targetOf(e.site)));
    metrics.setSites(entries.size);
    metrics.setSessions(client.sessionCount());
    if (closed) log?.info({ closed }, 'closed SNMP sessions of removed sites');
    arm();
  }

  await reload();
  const reloadTimer = setInterval(() => reload().catch(fault), o.reloadMs ?? 60_000);
  const statsTimer = setInterval(() => {
    metrics.setDropped(buffer.dropped);
    metrics.setSessions(client.sessionCount());
  }, 5_000);
  reloadTimer.unref();
  statsTimer.unref();

  let server: Server | undefined;
  let metricsUrl: string | undefined;
  if (o.metricsPort !== undefined) {
    server = createServer((req, res) => {
      if (req.url !== '/metrics') {
        res.writeHead(404).end('see /metrics\n');
        return;
      }
      Promise.all([metrics.registry.metrics(), o.metricsExtra?.() ?? '']).then(
        ([text, extra]) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(extra + text),
        () => res.writeHead(500).end(),
      );
    });
    const host = o.metricsHost ?? '127.0.0.1';
    await new Promise<void>((resolve) => server!.listen(o.metricsPort, host, resolve));
    const addr = server.address();
    metricsUrl = `http://${host}:${typeof addr === 'object' && addr ? addr.port : o.metricsPort}/metrics`;
  }

  return {
    metrics,
    metricsUrl,
    reload,
    stats: () => ({
      sites: entries.size, polls, inflight, pending: writer.pendingCount, buffered: buffer.samples, dropped: buffer.dropped,
      inserted: writer.stats.inserted, duplicates: writer.stats.duplicates, writeFailures: writer.stats.writeFailures, rejected: writer.stats.rejected,
      sessions: client.sessionCount(),
    }),
    async stop(options = {}) {
      if (stopping) return;
      stopping = true;
      clearTimeout(timer);
      clearInterval(reloadTimer);
      clearInterval(statsTimer);
      // Let running polls finish (bounded by timeout × tries + probe), then flush what they made.
      // After a fault a poll may never settle: the supervisor bounds the wait.
      if (inflight > 0) {
        const finished = new Promise<void>((resolve) => idle.push(resolve));
        let grace: NodeJS.Timeout | undefined;
        const waited = options.graceMs === undefined ? finished : Promise.race([finished, new Promise<void>((r) => (grace = setTimeout(r, options.graceMs)))]);
        await waited;
        clearTimeout(grace);
      }
      await writer.close();
      metrics.setDropped(buffer.dropped);
      if (!o.client) client.close();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    },
  };
}
