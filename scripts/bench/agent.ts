// Agent benchmark: polls/s and CPU-seconds per 1 000 polls of the whole agent (scheduler, net-snmp
// session, classification, batched writer into a counting sink) against real Debian snmpd, and
// the same GET polled by Debian's prometheus-snmp-exporter in the same run, as the baseline.
//   npm run bench agent            (or: npx tsx scripts/bench/agent.ts --seconds 20)
// Writes bench/results/agent.json. Phases are bounded (≤ 60 s each). Figures are what this
// shared, noisy machine gave at the time; the ratio to snmp_exporter is the comparable number.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { startAgent } from '../../server/src/agent/agent.ts';
import { pollOids } from '../../server/src/monitoring/poll-table.ts';
import type { AgentSite } from '../../server/src/agent/site.ts';
import { findBinary } from '../../tests/support/peers.ts';
import { freeUdpPorts, SNMPD_COMMUNITY, SNMPD_V3, startSnmpd, type Snmpd } from '../../tests/agent/support/snmpd.ts';
import { ownCpuS } from './_proc.ts';
import { EXPORTER_MODULE, startSnmpExporter } from './_snmp-exporter.ts';

const opts = new Command('bench-agent')
  .option('--seconds <s>', 'measured seconds per phase (≤ 55; plus 4 s warm-up)', '20')
  .option('--snmpd <n>', 'snmpd instances', '2')
  .option('--ports <n>', 'UDP ports per snmpd (one SNMP session per port)', '100')
  .option('--sites <n>', 'sites in the saturation phase', '2000')
  .option('--sustained <n>', 'polls/s offered in the sustained phase (sites at a 1 s interval)', '1700')
  .option('--concurrency <n>', 'agent poll concurrency and exporter scrape concurrency', '128')
  .parse()
  .opts<{ seconds: string; snmpd: string; ports: string; sites: string; sustained: string; concurrency: string }>();

const seconds = Math.min(55, Number(opts.seconds));
const WARMUP_S = 4;
const concurrency = Number(opts.concurrency);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Phase = { phase: string; polls: number; wallS: number; cpuS: number; pollsPerS: number; cpuSPer1000: number; pollsPerCpuS: number; peakRssMb: number; coreShare: number; extra?: Record<string, unknown> };

async function startPeers(): Promise<{ snmpds: Snmpd[]; endpoints: number[] }> {
  const binary = findBinary('snmpd', ['/usr/sbin/snmpd']);
  if (!binary) throw new Error('the agent benchmark needs snmpd (apt-get install snmpd)');
  const snmpds: Snmpd[] = [];
  const endpoints: number[] = [];
  for (let i = 0; i < Number(opts.snmpd); i++) {
    const ports = await freeUdpPorts(Number(opts.ports), endpoints);
    snmpds.push(await startSnmpd(binary, { ports }));
    endpoints.push(...ports);
  }
  return { snmpds, endpoints };
}

function sitesOn(endpoints: number[], n: number, intervalS: number, v3 = false): AgentSite[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `bench-${i}`, host: '127.0.0.1', port: endpoints[i % endpoints.length]!, wan: { ifName: 'lo' }, intervalS,
    committedMbps: 100, facilityKind: 'school', region: 'bench', operator: 'bench',
    ...(v3 ? { version: '3' as const, v3: { ...SNMPD_V3.sha } } : { version: '2c' as const, community: SNMPD_COMMUNITY }),
  }));
}

/** Runs the agent for warm-up + `seconds`, counting only polls that finish in the measured window. */
async function measureOurs(phase: string, sites: AgentSite[]): Promise<Phase> {
  let counting = false;
  let polls = 0;
  const outcomes: Record<string, number> = {};
  const bufferDir = mkdtempSync(path.join(tmpdir(), 'baylanys-bench-agent-'));
  const agent = await startAgent({
    sites: { list: async () => sites },
    sink: { write: async (s) => ({ inserted: s.length, duplicates: 0 }) },
    bufferDir, concurrency, processMetrics: false, reloadMs: 3_600_000, agentId: 'bench',
    onSample: (s) => {
      if (!counting) return;
      polls++;
      outcomes[s.outcome] = (outcomes[s.outcome] ?? 0) + 1;
    },
  });
  await sleep(WARMUP_S * 1000);
  const lagBefore = await agent.metrics.registry.getSingleMetric('baylanys_agent_queue_lag_seconds')!.get();
  let peak = process.memoryUsage().rss;
  const rssTimer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 250);
  const peers0 = peerPids.reduce((a, pid) => a + procCpuS(pid), 0);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  counting = true;
  await sleep(seconds * 1000);
  counting = false;
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const peersCpuS = peerPids.reduce((a, pid) => a + procCpuS(pid), 0) - peers0;
  clearInterval(rssTimer);
  const lag = await agent.metrics.registry.getSingleMetric('baylanys_agent_queue_lag_seconds')!.get();
  await agent.stop();
  rmSync(bufferDir, { recursive: true, force: true });
  const cpuS = (cpu.user + cpu.system) / 1e6;
  return {
    phase, polls, wallS, cpuS, pollsPerS: polls / wallS, cpuSPer1000: (cpuS / polls) * 1000, pollsPerCpuS: polls / cpuS,
    peakRssMb: peak / 2 ** 20, coreShare: cpuS / wallS,
    extra: { sites: sites.length, offeredPerS: sites.length / sites[0]!.intervalS, outcomes, lagP99S: lagQuantile(lagBefore, lag, 0.99), snmpdCoreShare: peersCpuS / wallS },
  };
}

type MetricValues = Awaited<ReturnType<NonNullable<ReturnType<import('prom-client').Registry['getSingleMetric']>>['get']>>;
/** The bucket bound under which q of the window's lags fall (cumulative buckets, after − before). */
function lagQuantile(before: MetricValues, after: MetricValues, q: number): number | null {
  const buckets = (m: MetricValues) => new Map(m.values.filter((v) => (v as { metricName?: string }).metricName?.endsWith('_bucket')).map((v) => [String(v.labels.le), v.value]));
  const b0 = buckets(before);
  const b1 = buckets(after);
  const total = (b1.get('+Inf') ?? 0) - (b0.get('+Inf') ?? 0);
  if (total <= 0) return null;
  for (const [le, v] of b1) if (v - (b0.get(le) ?? 0) >= q * total) return le === '+Inf' ? Infinity : Number(le);
  return null;
}

function procCpuS(pid: number): number {
  const s = ownCpuS(pid);
  if (s === undefined) throw new Error(`process ${pid} ended while it was measured`);
  return s;
}
function procRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function measureExporter(endpoints: number[]): Promise<Phase> {
  const exporter = await startSnmpExporter();
  const { port } = exporter;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const scrape = (target: number) =>
    new Promise<boolean>((resolve) => {
      http.get({ host: '127.0.0.1', port, path: `/snmp?module=${EXPORTER_MODULE}&target=127.0.0.1:${target}`, agent }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(res.statusCode === 200 && body.includes('ifHCInOctets{ifIndex="1"}')));
      }).on('error', () => resolve(false));
    });
  try {
    for (let i = 0; i < 50 && !(await scrape(endpoints[0]!)); i++) await sleep(100);
    let counting = false;
    let ok = 0;
    let failed = 0;
    let stop = false;
    let next = 0;
    const worker = async () => {
      while (!stop) {
        const good = await scrape(endpoints[next++ % endpoints.length]!);
        if (counting) good ? ok++ : failed++;
      }
    };
    const workers = Array.from({ length: concurrency }, worker);
    await sleep(WARMUP_S * 1000);
    const cpu0 = procCpuS(exporter.pid);
    const peers0 = peerPids.reduce((a, pid) => a + procCpuS(pid), 0);
    const t0 = performance.now();
    counting = true;
    await sleep(seconds * 1000);
    counting = false;
    const wallS = (performance.now() - t0) / 1000;
    const cpuS = procCpuS(exporter.pid) - cpu0;
    const peersCpuS = peerPids.reduce((a, pid) => a + procCpuS(pid), 0) - peers0;
    const rss = procRssMb(exporter.pid);
    stop = true;
    await Promise.all(workers);
    return {
      phase: 'snmp_exporter (baseline)', polls: ok, wallS, cpuS, pollsPerS: ok / wallS, cpuSPer1000: (cpuS / ok) * 1000,
      pollsPerCpuS: ok / cpuS, peakRssMb: rss, coreShare: cpuS / wallS, extra: { failed, scrapeConcurrency: concurrency, snmpdCoreShare: peersCpuS / wallS },
    };
  } finally {
    agent.destroy();
    await exporter.stop();
  }
}

const { snmpds, endpoints } = await startPeers();
const peerPids = snmpds.map((s) => s.pid);
const results: Phase[] = [];
try {
  results.push(await measureOurs(`ours: sustained ${opts.sustained}/s offered`, sitesOn(endpoints, Number(opts.sustained), 1)));
  results.push(await measureOurs('ours: saturated', sitesOn(endpoints, Number(opts.sites), 0.25)));
  results.push(await measureExporter(endpoints));
  results.push(await measureOurs('ours: saturated, v3 authPriv SHA/AES', sitesOn(endpoints, Number(opts.sites), 0.25, true)));
} finally {
  await Promise.all(snmpds.map((s) => s.stop()));
}

const ours = results[1]!;
const theirs = results[2]!;
const summary = {
  benchmark: 'agent',
  at: new Date().toISOString(),
  node: process.versions.node,
  loadavgAtEnd: loadavg(),
  setup: { snmpd: Number(opts.snmpd), portsPerSnmpd: Number(opts.ports), endpoints: endpoints.length, seconds, warmupS: WARMUP_S, concurrency, oidsPerPoll: pollOids(1).length, version: 'v2c' },
  phases: results,
  ratioPollsPerCpuSecondOursVsExporter: ours.pollsPerCpuS / theirs.pollsPerCpuS,
  targets: { pollsPerS: 1700, rssMb: 300, ratio: 1 },
};
console.table(results.map((r) => ({
  phase: r.phase, 'polls/s': r.pollsPerS.toFixed(0), 'CPU s / 1000 polls': r.cpuSPer1000.toFixed(3), 'polls / CPU s': r.pollsPerCpuS.toFixed(0),
  'core share': r.coreShare.toFixed(2), 'snmpd cores': r.extra?.snmpdCoreShare === undefined ? '' : Number(r.extra.snmpdCoreShare).toFixed(2),
  'lag p99 ≤ s': r.extra?.lagP99S ?? '', 'peak RSS MB': r.peakRssMb.toFixed(0),
})));
console.log(`polls per CPU-second, ours ÷ snmp_exporter: ${summary.ratioPollsPerCpuSecondOursVsExporter.toFixed(2)}`);
const out = path.join(root, 'bench/results');
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'agent.json'), JSON.stringify(summary, null, 2) + '\n');
console.log(`wrote ${path.relative(process.cwd(), path.join(out, 'agent.json'))}`);
