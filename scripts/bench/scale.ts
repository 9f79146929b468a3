// Scale benchmark (issue 15): N simulated sites at a 60 s interval polled by 2 agent processes
// sharing them by leases, writing to PostgreSQL; a Prometheus in agent mode scrapes them and
// remote-writes to a central one (when /usr/bin/prometheus exists). Measures CPU per agent, polls
// per CPU-second, PostgreSQL bytes per raw sample and per rollup row, the rollup cost, and the
// Prometheus WAL bytes per sample; projects rows and bytes per day raw vs rollups.
//   DATABASE_URL=postgres://… npx tsx scripts/bench/scale.ts [--sites 20000] [--minutes 3] [--peer snmpd|simulator]
// Writes bench/results/scale.json (scale-simulator.json with --peer simulator). Figures are what
// this shared 2-core machine gave at the time (the load average is recorded with them).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { startSimulator } from '../../server/src/agent/simulator/index.ts';
import { rollUpHistory, HISTORY_DEFAULTS } from '../../server/src/monitoring/history.ts';
import { importSites } from '../../server/src/monitoring/sites.ts';
import { openTestDatabase, serverUrl } from '../../tests/support/db.ts';
import { freeTcpPort } from '../../tests/support/peers.ts';
import { ownCpuS } from './_proc.ts';
import { freeUdpPort, SNMPD_COMMUNITY, snmpdBinary, startSnmpd, type Snmpd } from '../../tests/agent/support/snmpd.ts';

const o = new Command('bench-scale')
  .option('--sites <n>', 'simulated sites', '20000')
  .option('--devices <n>', 'SNMP endpoints the sites share (simulated devices, or snmpd ports)', '100')
  .option('--peer <kind>', 'snmpd (Debian snmpd, 2 processes) or simulator (net-snmp agents in this process: the bottleneck at 20 k)', 'snmpd')
  .option('--minutes <n>', 'measured minutes (after one minute of warm-up)', '3')
  .parse()
  .opts<{ sites: string; devices: string; minutes: string; peer: string }>();
if (!serverUrl) throw new Error('the scale benchmark needs DATABASE_URL (agents are separate processes)');
const SITES = Number(o.sites), DEVICES = Number(o.devices), MINUTES = Number(o.minutes);
const KEY = 'cd'.repeat(32);
const PROMETHEUS = '/usr/bin/prometheus';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cpuS = (pid: number): number => ownCpuS(pid) ?? NaN;
const du = (dir: string): number => {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? du(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).size;
  return n;
};

const dir = mkdtempSync(path.join(tmpdir(), 'baylanys-scale-'));
const children: ChildProcess[] = [];
const db = await openTestDatabase();
// Endpoints: simulated devices (scripted, but JavaScript in this process), or real snmpd (C, two
// processes listening on DEVICES / 2 ports each; every site reads interface lo).
type Endpoint = { host: string; port: number; community: string; wanName: string };
let endpoints: Endpoint[];
const snmpds: Snmpd[] = [];
const sim = o.peer === 'snmpd' ? undefined : await startSimulator({ devices: Array.from({ length: DEVICES }, (_, i) => ({ id: `dev-${i}`, scenario: { kind: 'normal' as const } })) });
if (sim) endpoints = sim.endpoints;
else {
  const binary = snmpdBinary();
  if (!binary) throw new Error('--peer snmpd needs /usr/sbin/snmpd');
  endpoints = [];
  for (let k = 0; k < 2; k++) {
    const ports: number[] = [];
    for (let i = 0; i < DEVICES / 2; i++) ports.push(await freeUdpPort());
    snmpds.push(await startSnmpd(binary, { ports }));
    endpoints.push(...ports.map((port) => ({ host: '127.0.0.1', port, community: SNMPD_COMMUNITY, wanName: 'lo' })));
  }
}
try {
  await db.exec(`INSERT INTO dataset (id, layer, title, licence, provenance) VALUES ('b', 'facilities', 'bench', 'none', 'illustrative');
    INSERT INTO facility (id, kind, geom, dataset_id, provenance) VALUES ('f', 'school', ST_SetSRID(ST_MakePoint(70, 50), 4326), 'b', 'illustrative');`);
  const sites = Array.from({ length: SITES }, (_, i) => {
    const ep = endpoints[i % endpoints.length]!;
    return { id: `s-${i}`, facilityId: 'f', name: `s-${i}`, host: ep.host, port: ep.port, snmp: { version: '2c', community: ep.community }, wan: { ifName: ep.wanName }, intervalS: 60 };
  });
  for (let i = 0; i < sites.length; i += 2_000) await importSites(db, KEY, JSON.stringify(sites.slice(i, i + 2_000)), 'json');
  console.log(`${SITES} sites on ${endpoints.length} ${o.peer} endpoints`);

  const agentPorts = [await freeTcpPort(), await freeTcpPort()];
  const agents = ['bench-a', 'bench-b'].map((id, i) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/agent.ts', '--lease', '--agent-id', id,
      '--metrics-port', String(agentPorts[i]), '--buffer-dir', path.join(dir, id)], {
      env: { ...process.env, DATABASE_URL: db.url, BAYLANYS_SECRET_KEY: KEY, LOG_LEVEL: 'warn', DATA_DIR: dir, DATABASE_READ_URL: '' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(child);
    return child;
  });
  let central: string | undefined;
  let centralWal: string | undefined;
  if (existsSync(PROMETHEUS)) {
    const cp = await freeTcpPort(), ap = await freeTcpPort();
    central = `http://127.0.0.1:${cp}`;
    centralWal = path.join(dir, 'central', 'wal');
    writeFileSync(path.join(dir, 'central.yml'), 'global: {}\n');
    writeFileSync(path.join(dir, 'agent.yml'), `global:\n  scrape_interval: 15s\nscrape_configs:\n  - job_name: baylanys-agent\n    static_configs:\n      - targets: ["127.0.0.1:${agentPorts[0]}", "127.0.0.1:${agentPorts[1]}"]\nremote_write:\n  - url: ${central}/api/v1/write\n`);
    children.push(spawn(PROMETHEUS, [`--config.file=${dir}/central.yml`, `--storage.tsdb.path=${dir}/central`, `--web.listen-address=127.0.0.1:${cp}`, '--web.enable-remote-write-receiver'], { stdio: 'ignore' }));
    children.push(spawn(PROMETHEUS, ['--enable-feature=agent', `--config.file=${dir}/agent.yml`, `--storage.agent.path=${dir}/agent-wal`, `--web.listen-address=127.0.0.1:${ap}`], { stdio: 'ignore' }));
  }
  // Polls the agents made (their own counter) and samples waiting in their buffers, from /metrics.
  const agentFigures = async () => {
    let made = 0, buffered = 0;
    for (const port of agentPorts) {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      for (const m of text.matchAll(/^baylanys_agent_polls_total\{outcome="\w+"\} (\S+)$/gm)) made += Number(m[1]);
      buffered += Number(/^baylanys_agent_buffered_samples (\S+)$/m.exec(text)?.[1] ?? 0);
    }
    return { made, buffered };
  };
  const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM poll_sample'))[0]!.n;
  const promSamples = async () => {
    if (!central) return 0;
    const text = await (await fetch(`${central}/metrics`)).text();
    return Number(/^prometheus_tsdb_head_samples_appended_total(?:\{[^}]*\})? (\S+)$/m.exec(text)?.[1] ?? 0);
  };

  console.log('warm-up: 70 s (leases balance, first round of polls)');
  await sleep(70_000);
  const made0 = await agentFigures();
  const cpu0 = agents.map((a) => cpuS(a.pid!)), rows0 = await count(), prom0 = await promSamples(), wal0 = centralWal && existsSync(centralWal) ? du(centralWal) : 0;
  const load0 = loadavg();
  const t0 = Date.now();
  await sleep(MINUTES * 60_000);
  const seconds = (Date.now() - t0) / 1000;
  const made1 = await agentFigures();
  const cpu1 = agents.map((a) => cpuS(a.pid!)), rows1 = await count(), prom1 = await promSamples(), wal1 = centralWal && existsSync(centralWal) ? du(centralWal) : 0;
  const load1 = loadavg();
  for (const a of agents) a.kill('SIGTERM');
  await Promise.all(agents.map((a) => new Promise((r) => a.once('exit', r))));

  const polls = rows1 - rows0;
  const outcomes = await db.query<{ outcome: string; n: number }>(
    `SELECT outcome, count(*)::int AS n FROM poll_sample WHERE received_at >= to_timestamp($1 / 1000.0) GROUP BY 1 ORDER BY 1`, [t0]);
  const agentCpu = cpu1.map((c, i) => c - cpu0[i]!);
  const [raw] = await db.query<{ rows: number; bytes: number }>(
    `SELECT (SELECT count(*) FROM poll_sample)::float8 AS rows,
       (SELECT sum(pg_total_relation_size(i.inhrelid)) FROM pg_inherits i WHERE i.inhparent = 'poll_sample'::regclass)::float8 AS bytes`);
  // Rollups: every hour the run touched (now + 2 h so the current hour counts as ended).
  const r0 = performance.now();
  const pass = await rollUpHistory(db, Date.now() + 2 * 3_600_000, HISTORY_DEFAULTS);
  const rollupMs = performance.now() - r0;
  const siteHours = pass.hoursFrom === null ? 0 : ((pass.hoursTo! - pass.hoursFrom) / 3_600_000) * SITES;
  const size = async (t: string) => (await db.query<{ rows: number; bytes: number }>(`SELECT count(*)::float8 AS rows, pg_total_relation_size('${t}')::float8 AS bytes FROM ${t}`))[0]!;
  const hour = await size('site_rollup_hour'), day = await size('site_rollup_day');

  const perDay = SITES * 1440;
  const rawBytesPerRow = raw!.bytes / raw!.rows;
  const hourBytes = hour.bytes / Math.max(1, hour.rows), dayBytes = day.bytes / Math.max(1, day.rows);
  const result = {
    at: new Date().toISOString(), sites: SITES, intervalS: 60, peer: o.peer, endpoints: endpoints.length, agents: 2,
    outcomes: Object.fromEntries(outcomes.map((r) => [r.outcome, r.n])), measuredS: Math.round(seconds),
    loadAverage1m: { start: load0[0], end: load1[0] }, cores: 2,
    pollsPerS: polls / seconds, expectedPollsPerS: SITES / 60,
    pollsMadePerS: (made1.made - made0.made) / seconds, bufferedAtEnd: made1.buffered,
    agentCpuCores: agentCpu.map((c) => c / seconds),
    pollsMadePerCpuS: (made1.made - made0.made) / agentCpu.reduce((t, c) => t + c, 0),
    pollsStoredPerCpuS: polls / agentCpu.reduce((t, c) => t + c, 0),
    postgres: {
      rawRows: raw!.rows, rawBytesPerRow, hourRollupBytesPerRow: hourBytes, dayRollupBytesPerRow: dayBytes,
      rollupMsPerSiteHour: siteHours ? rollupMs / siteHours : null, rollupSiteHours: siteHours, rollupMs,
      perDay: {
        rawRows: perDay, rawBytes: perDay * rawBytesPerRow,
        rollupRows: SITES * 25, rollupBytes: SITES * (24 * hourBytes + dayBytes),
      },
      retained35d: { rawBytes: 35 * perDay * rawBytesPerRow },
    },
    prometheus: central ? { samplesAppended: prom1 - prom0, walBytesPerSample: prom1 > prom0 ? (wal1 - wal0) / (prom1 - prom0) : null } : null,
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/scale${o.peer === 'snmpd' ? '' : `-${o.peer}`}.json`, `${JSON.stringify(result, null, 2)}\n`);
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await sim?.stop();
  for (const d of snmpds) await d.stop();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
