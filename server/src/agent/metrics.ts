// The agent's Prometheus metrics, on a registry of its own: how the poller itself is doing (label:
// the poll outcome), and one counter of polls per site and outcome (labels: site id, outcome), the
// raw series a Prometheus in agent mode scrapes and remote-writes to a time-series store (issue 15;
// docs/scale.md). Derived per-site series (up, uptime, octets, availability) come from the
// database and are served by the server's /metrics, one place for every agent's sites.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PollSample } from '../monitoring/poll-sample.ts';

export type AgentMetrics = ReturnType<typeof createAgentMetrics>;

export function createAgentMetrics(options: { processMetrics?: boolean; buffered: () => number }) {
  const registry = new Registry();
  if (options.processMetrics ?? true) {
    collectDefaultMetrics({ register: registry, prefix: 'baylanys_agent_' });
    // prom-client names these gauges *_total, which promtool rejects (only counters end in _total).
    for (const n of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
      registry.removeSingleMetric(`baylanys_agent_${n}`);
    }
  }
  const registers = [registry];

  const polls = new Counter({ name: 'baylanys_agent_polls_total', help: 'Polls made, by outcome', labelNames: ['outcome'], registers });
  // Every outcome from 0: a series that appears only with its first error defeats rate() and alerts.
  for (const outcome of ['up', 'link_down', 'unreachable', 'error']) polls.inc({ outcome }, 0);
  // Counted from the first poll of a site on this agent and kept when the site moves to another
  // agent (at most one series per site and outcome), so a site that comes back continues its count
  // and `sum by (site) (last value)` over all agents is every poll made, each once.
  const sitePolls = new Counter({ name: 'baylanys_agent_site_polls_total', help: 'Polls of one site made by this agent, by outcome', labelNames: ['site', 'outcome'], registers });
  const pollDuration = new Histogram({
    name: 'baylanys_agent_poll_duration_seconds',
    help: 'Wall time of one poll (resolution, GET, retries, probe)',
    labelNames: ['outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8],
    registers,
  });
  const queueLag = new Histogram({
    name: 'baylanys_agent_queue_lag_seconds',
    help: 'How late a poll started after its scheduled time (concurrency saturation shows here)',
    buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
    registers,
  });
  const writeFailures = new Counter({ name: 'baylanys_agent_write_failures_total', help: 'Batch writes that failed because the database was unavailable', registers });
  const rejected = new Counter({ name: 'baylanys_agent_rejected_samples_total', help: 'Samples the database refused as data (poison rows), set aside in rejected.ndjson', registers });
  // A counter (rate() and increase() work on it): we add what was dropped since the last look.
  const droppedSamples = new Counter({ name: 'baylanys_agent_buffer_dropped_samples_total', help: 'Samples deleted from the full disk buffer (past its bound)', registers });
  let droppedSeen = 0;
  new Gauge({ name: 'baylanys_agent_buffered_samples', help: 'Samples waiting on disk for the database', registers, collect() { this.set(options.buffered()); } });
  const sites = new Gauge({ name: 'baylanys_agent_sites', help: 'Sites this agent polls', registers });
  const sessions = new Gauge({ name: 'baylanys_agent_snmp_sessions', help: 'Open SNMP sessions (UDP sockets)', registers });

  return {
    registry,
    observePoll(sample: PollSample, durationS: number): void {
      polls.inc({ outcome: sample.outcome });
      sitePolls.inc({ site: sample.siteId, outcome: sample.outcome });
      pollDuration.observe({ outcome: sample.outcome }, durationS);
    },
    observeLag: (s: number) => queueLag.observe(s),
    writeFailed: () => writeFailures.inc(),
    rejected: () => rejected.inc(),
    setDropped: (n: number) => {
      if (n > droppedSeen) droppedSamples.inc(n - droppedSeen);
      droppedSeen = Math.max(droppedSeen, n);
    },
    setSites: (n: number) => sites.set(n),
    setSessions: (n: number) => sessions.set(n),
  };
}
