// The agent's Prometheus metrics, on a registry of its own. Labels are bounded: outcome, and per
// site only its id, facility kind, region and operator (no names, no addresses).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PollSample } from '../monitoring/poll-sample.ts';
import type { AgentSite } from './site.ts';

const SITE_LABELS = ['site', 'facility_kind', 'region', 'operator'] as const;

type SiteView = { site: AgentSite; last: PollSample };

export type AgentMetrics = ReturnType<typeof createAgentMetrics>;

export function createAgentMetrics(options: { processMetrics?: boolean; siteView: () => Iterable<SiteView>; buffered: () => number }) {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'baylanys_agent_' });
  const registers = [registry];
  const labelsOf = (s: AgentSite) => ({ site: s.id, facility_kind: s.facilityKind ?? '', region: s.region ?? '', operator: s.operator ?? '' });

  const polls = new Counter({ name: 'baylanys_agent_polls_total', help: 'Polls made, by outcome', labelNames: ['outcome'], registers });
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
  const writeFailures = new Counter({ name: 'baylanys_agent_write_failures_total', help: 'Batches the database refused', registers });
  const droppedSamples = new Gauge({ name: 'baylanys_agent_buffer_dropped_samples', help: 'Samples deleted from the full disk buffer since start', registers });
  new Gauge({ name: 'baylanys_agent_buffered_samples', help: 'Samples waiting on disk for the database', registers, collect() { this.set(options.buffered()); } });
  const sites = new Gauge({ name: 'baylanys_agent_sites', help: 'Sites this agent polls', registers });
  const sessions = new Gauge({ name: 'baylanys_agent_snmp_sessions', help: 'Open SNMP sessions (UDP sockets)', registers });

  // Per-site state, read from the last sample at scrape time; removed sites disappear with it.
  new Gauge({
    name: 'baylanys_site_up', help: '1 when the last poll was up', labelNames: SITE_LABELS, registers,
    collect() {
      this.reset();
      for (const v of options.siteView()) this.set(labelsOf(v.site), v.last.outcome === 'up' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'baylanys_site_sys_uptime_seconds', help: 'sysUpTime at the last poll', labelNames: SITE_LABELS, registers,
    collect() {
      this.reset();
      for (const v of options.siteView()) if (v.last.sysUpTime !== null) this.set(labelsOf(v.site), v.last.sysUpTime / 100);
    },
  });
  new Gauge({
    name: 'baylanys_site_last_poll_timestamp_seconds', help: 'When the site was last polled', labelNames: SITE_LABELS, registers,
    collect() {
      this.reset();
      for (const v of options.siteView()) this.set(labelsOf(v.site), v.last.polledAt / 1000);
    },
  });
  // Raw octet counters as counters (as snmp_exporter does), so rate() handles resets and wraps.
  for (const dir of ['in', 'out'] as const) {
    new Counter({
      name: `baylanys_site_if_${dir}_octets_total`, help: `WAN interface ${dir}put octets as read from the device`, labelNames: SITE_LABELS, registers,
      collect() {
        this.reset();
        for (const v of options.siteView()) {
          const o = dir === 'in' ? v.last.inOctets : v.last.outOctets;
          if (o !== null) this.inc(labelsOf(v.site), Number(o));
        }
      },
    });
  }

  return {
    registry,
    observePoll(sample: PollSample, durationS: number): void {
      polls.inc({ outcome: sample.outcome });
      pollDuration.observe({ outcome: sample.outcome }, durationS);
    },
    observeLag: (s: number) => queueLag.observe(s),
    writeFailed: () => writeFailures.inc(),
    setDropped: (n: number) => droppedSamples.set(n),
    setSites: (n: number) => sites.set(n),
    setSessions: (n: number) => sessions.set(n),
  };
}
