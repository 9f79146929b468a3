// Pipeline benchmark with storage on both sides (issue 12): in one run, against the same real
// Debian snmpd peers, for the same OIDs at the same interval,
//   (a) the Baylanys agent (its own process, `npm run agent`) storing into PostgreSQL — the real
//       write path (batches, site state, rules) into a PostgreSQL cluster of its own, plus the
//       rollup job's cost for the polls it stored, and
//   (b) Debian's prometheus-snmp-exporter scraped by Prometheus into its TSDB (one scrape target per
//       site through the exporter's /snmp?target=…&module=… relabelling).
// CPU seconds from /proc (utime + stime of each process tree: the agent; every process of the
// private PostgreSQL cluster — backends, WAL writer, checkpointer, autovacuum; Prometheus; the
// exporter) over a steady window, divided by the polls each side stored in it.
//   nice -n 10 npx tsx scripts/bench/pipeline.ts [--targets 1000] [--interval 10] [--seconds 120]
//   … --targets 40000 --interval 60 --baylanys-only --out pipeline-40k.json   (one core, 40 k sites?)
//   (or: npm run bench pipeline)
// Writes bench/results/pipeline.json. Needs snmpd, prometheus, prometheus-snmp-exporter and the
// PostgreSQL 15 binaries; run as root (the cluster runs as the postgres user) or as postgres.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { openDatabase, type Database } from '../../server/src/db/database.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { HISTORY_DEFAULTS, rollUpHistory } from '../../server/src/monitoring/history.ts';
import { importSites } from '../../server/src/monitoring/sites.ts';
import { findBinary, freeTcpPort } from '../../tests/support/peers.ts';
import { createServerDatabase } from '../../tests/support/db.ts';
import { freeUdpPorts, SNMPD_COMMUNITY, snmpdBinary, startSnmpd, type Snmpd } from '../../tests/agent/support/snmpd.ts';
import { startPrivatePostgres, type PrivatePostgres } from './_private-postgres.ts';
import { loadAverage, treeCpuS, treeProcesses } from './_proc.ts';
import { EXPORTER_MODULE, startSnmpExporter, type SnmpExporter } from './_snmp-exporter.ts';

const o = new Command('bench-pipeline')
  .option('--targets <n>', 'sites on our side = scrape targets on theirs', '1000')
  .option('--interval <s>', 'poll / scrape interval in seconds (≥ 10, the agent\'s minimum)', '10')
  .option('--seconds <s>', 'measured window (after the warm-up)', '120')
  .option('--warmup <s>', 'warm-up seconds (default: max(30, 3 × interval))')
  .option('--snmpd <n>', 'snmpd processes', '2')
  .option('--ports <n>', 'UDP ports per snmpd (the sites share them)', '10')
  .option('--batch-size <n>', 'the agent\'s --batch-size (default: the agent\'s own)')
  .option('--out <name>', 'result file name in bench/results', 'pipeline.json')
  .option('--baylanys-only', 'no scrape targets for the baseline (to load the agent + PostgreSQL alone at, say, 40 000 sites)')
  .option('--profile <dir>', 'write the agent\'s --cpu-prof there and print pg_stat_statements\' top statements (skews the figures)')
  .parse()
  .opts<{ targets: string; interval: string; seconds: string; warmup?: string; snmpd: string; ports: string; batchSize?: string; out: string; profile?: string; baylanysOnly?: boolean }>();

const TARGETS = Number(o.targets), INTERVAL_S = Number(o.interval), SECONDS = Number(o.seconds);
const WARMUP_S = o.warmup ? Number(o.warmup) : Math.max(30, 3 * INTERVAL_S);
if (!(INTERVAL_S >= 10)) throw new Error('--interval: the agent polls at 10 s at the fastest');
const KEY = 'ab'.repeat(32);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PG_ROLES = ['walwriter', 'checkpointer', 'background writer', 'autovacuum launcher', 'autovacuum worker', 'logical replication launcher'];
const pgRole = (title: string) => PG_ROLES.find((r) => title.startsWith(`postgres: ${r}`)) ?? (title.startsWith('postgres: ') ? 'backends' : 'postmaster');

const dir = mkdtempSync(path.join(tmpdir(), 'baylanys-bench-pipeline-'));
const snmpds: Snmpd[] = [];
const children: ChildProcess[] = [];
let pgc: PrivatePostgres | undefined;
let exporter: SnmpExporter | undefined;
let db: Database | undefined;

function started(bin: string, args: string[], env?: NodeJS.ProcessEnv): ChildProcess {
  const c = spawn(bin, args, { stdio: ['ignore', 'ignore', 'inherit'], env });
  children.push(c);
  return c;
}

async function waitHttp(url: string, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error(`${what} did not answer at ${url}`);
}

try {
  const load0 = loadAverage();
  // Peers: a few snmpd, each on several loopback ports; site i and target i use endpoint i mod n.
  const binary = snmpdBinary();
  if (!binary) throw new Error('needs /usr/sbin/snmpd');
  const endpoints: number[] = [];
  for (let k = 0; k < Number(o.snmpd); k++) {
    const ports = await freeUdpPorts(Number(o.ports), endpoints);
    snmpds.push(await startSnmpd(binary, { ports }));
    endpoints.push(...ports);
  }

  // (a) Baylanys: a private PostgreSQL, the sites, the agent as its own process.
  pgc = await startPrivatePostgres(o.profile ? ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all', 'pg_stat_statements.track_planning=on'] : []);
  const created = await createServerDatabase(pgc.url);
  db = await openDatabase({ databaseUrl: created.url });
  await migrate(db);
  await db.exec(`INSERT INTO dataset (id, layer, title, licence, provenance) VALUES ('b', 'facilities', 'bench', 'none', 'illustrative');
    INSERT INTO facility (id, kind, geom, dataset_id, provenance) VALUES ('f', 'school', ST_SetSRID(ST_MakePoint(70, 50), 4326), 'b', 'illustrative');`);
  const sites = Array.from({ length: TARGETS }, (_, i) => ({
    id: `s-${i}`, facilityId: 'f', name: `s-${i}`, host: '127.0.0.1', port: endpoints[i % endpoints.length]!,
    snmp: { version: '2c', community: SNMPD_COMMUNITY }, wan: { ifName: 'lo' }, intervalS: INTERVAL_S,
  }));
  for (let i = 0; i < sites.length; i += 2_000) await importSites(db, KEY, JSON.stringify(sites.slice(i, i + 2_000)), 'json');
  const agentMetricsPort = await freeTcpPort();
  if (o.profile) await db.exec('CREATE EXTENSION pg_stat_statements');
  const agent = started(process.execPath, [...(o.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(o.profile)}`] : []), '--import', 'tsx', path.join(root, 'server/src/cli/agent.ts'), '--agent-id', 'bench',
    '--metrics-port', String(agentMetricsPort), '--buffer-dir', path.join(dir, 'agent-buffer'), ...(o.batchSize ? ['--batch-size', o.batchSize] : [])],
  { ...process.env, DATABASE_URL: created.url, DATABASE_READ_URL: '', BAYLANYS_SECRET_KEY: KEY, LOG_LEVEL: 'warn', DATA_DIR: dir });

  // (b) snmp_exporter + Prometheus: target "site@host:port" keeps 1 000 targets on 20 endpoints
  // apart (Prometheus drops targets whose labels are equal); relabelling makes the host:port the
  // exporter's target parameter and the site the instance.
  exporter = await startSnmpExporter();
  const promPort = await freeTcpPort();
  const promBin = findBinary('prometheus', ['/usr/bin/prometheus']);
  if (!promBin) throw new Error('needs prometheus (apt-get install prometheus)');
  const baseline = !o.baylanysOnly;
  const targets = baseline ? sites.map((s) => `"${s.id}@127.0.0.1:${s.port}"`) : [];
  writeFileSync(path.join(dir, 'prometheus.yml'), [
    'global:',
    `  scrape_interval: ${INTERVAL_S}s`,
    `  scrape_timeout: ${Math.min(INTERVAL_S, 5)}s`,
    'scrape_configs:',
    '  - job_name: snmp',
    '    metrics_path: /snmp',
    `    params: { module: [${EXPORTER_MODULE}] }`,
    '    static_configs:',
    `      - targets: [${targets.join(', ')}]`,
    '    relabel_configs:',
    '      - { source_labels: [__address__], regex: "(.+)@(.+)", target_label: __param_target, replacement: "$2" }',
    '      - { source_labels: [__address__], regex: "(.+)@(.+)", target_label: instance, replacement: "$1" }',
    `      - { target_label: __address__, replacement: "127.0.0.1:${exporter.port}" }`,
    '',
  ].join('\n'));
  const prometheus = started(promBin, [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'tsdb')}`,
    `--web.listen-address=127.0.0.1:${promPort}`, '--log.level=warn']);
  const prom = `http://127.0.0.1:${promPort}`;
  await waitHttp(`${prom}/-/ready`, 'Prometheus');
  await waitHttp(`${agentMetricsUrl()}`, 'the agent');
  function agentMetricsUrl() {
    return `http://127.0.0.1:${agentMetricsPort}/metrics`;
  }
  const agentPolls = async () => {
    const text = await (await fetch(agentMetricsUrl())).text();
    return [...text.matchAll(/^baylanys_agent_polls_total\{outcome="\w+"\} (\S+)$/gm)].reduce((t, m) => t + Number(m[1]), 0);
  };
  const promAppended = async () => Number(/^prometheus_tsdb_head_samples_appended_total(?:\{[^}]*\})? (\S+)$/m.exec(await (await fetch(`${prom}/metrics`)).text())?.[1] ?? NaN);
  const promQuery = async (q: string, at: number) => {
    const r = await (await fetch(`${prom}/api/v1/query?query=${encodeURIComponent(q)}&time=${at / 1000}`)).json() as { data: { result: { value: [number, string] }[] } };
    return Number(r.data.result[0]?.value[1] ?? 0);
  };

  console.log(`${TARGETS} sites / scrape targets at ${INTERVAL_S} s on ${endpoints.length} ports of ${snmpds.length} snmpd; warm-up ${WARMUP_S} s, window ${SECONDS} s`);
  await sleep(WARMUP_S * 1000);

  const procs = { agent: agent.pid!, postgres: pgc.postmasterPid, prometheus: prometheus.pid!, exporter: exporter.pid };
  const cpu = () => Object.fromEntries(Object.entries(procs).map(([k, pid]) => [k, treeCpuS(pid)])) as Record<keyof typeof procs, number>;
  if (o.profile) await db.query('SELECT pg_stat_statements_reset()');
  const made0 = await agentPolls();
  const appended0 = await promAppended();
  const pgProcs0 = treeProcesses(pgc.postmasterPid);
  const cpu0 = cpu();
  const t0 = Date.now();
  const loadStart = loadAverage();
  await sleep(SECONDS * 1000);
  const cpu1 = cpu();
  const t1 = Date.now();
  const pgProcs1 = treeProcesses(pgc.postmasterPid);
  const loadEnd = loadAverage();
  const appended1 = await promAppended();
  const made1 = await agentPolls();
  const wallS = (t1 - t0) / 1000;

  // Where PostgreSQL's CPU went (processes alive at both ends; the rest ended inside the window).
  const pgRoles: Record<string, number> = {};
  for (const [pid, p] of pgProcs1) {
    const role = pgRole(p.title);
    pgRoles[role] = (pgRoles[role] ?? 0) + p.cpuS - (pgProcs0.get(pid)?.cpuS ?? 0);
  }
  agent.kill('SIGTERM');
  await new Promise((r) => agent.once('exit', r));

  if (o.profile) {
    const top = await db.query<Record<string, unknown>>(
      `SELECT calls, round(total_exec_time::numeric, 0) AS exec_ms, round(total_plan_time::numeric, 0) AS plan_ms, rows,
         left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
       FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 15`);
    console.table(top);
  }
  const [stored] = await db.query<{ polls: number; up: number }>(
    `SELECT count(*)::int AS polls, (count(*) FILTER (WHERE outcome = 'up'))::int AS up FROM poll_sample
     WHERE received_at >= to_timestamp($1 / 1000.0) AND received_at < to_timestamp($2 / 1000.0)`, [t0, t1]);
  // What the rules made of the polls (a healthy fleet: few events, no outages).
  const events = Object.fromEntries((await db.query<{ kind: string; n: number }>(
    `SELECT kind, count(*)::int AS n FROM site_event WHERE at >= to_timestamp($1 / 1000.0) AND at < to_timestamp($2 / 1000.0) GROUP BY 1 ORDER BY 1`, [t0, t1])).map((r) => [r.kind, r.n]));
  const scrapes = await promQuery(`sum(count_over_time(up{job="snmp"}[${Math.round(wallS * 1000)}ms]))`, t1);
  const scrapesUp = await promQuery(`sum(sum_over_time(up{job="snmp"}[${Math.round(wallS * 1000)}ms]))`, t1);

  // The rollup job (every 5 min in the server) over every hour this run touched, costed per poll
  // rolled up: each stored poll is rolled up once, so its share is added to the agent side.
  const [all] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM poll_sample');
  const r0 = { node: process.cpuUsage(), pg: treeCpuS(pgc.postmasterPid) };
  await rollUpHistory(db, Date.now() + 2 * 3_600_000, HISTORY_DEFAULTS);
  const rollupCpuS = (() => {
    const n = process.cpuUsage(r0.node);
    return (n.user + n.system) / 1e6 + treeCpuS(pgc.postmasterPid) - r0.pg;
  })();

  const d = (k: keyof typeof procs) => cpu1[k] - cpu0[k];
  const oursPolls = stored!.up;
  const theirsPolls = scrapesUp;
  const rollupPer1000 = (rollupCpuS / all!.n) * 1000;
  const oursCpuS = d('agent') + d('postgres');
  const oursPer1000 = (oursCpuS / oursPolls) * 1000 + rollupPer1000;
  const theirsCpuS = d('prometheus') + d('exporter');
  const theirsPer1000 = (theirsCpuS / theirsPolls) * 1000;
  const result = {
    benchmark: 'pipeline',
    at: new Date(t1).toISOString(),
    setup: {
      targets: TARGETS, intervalS: INTERVAL_S, windowS: Math.round(wallS), warmupS: WARMUP_S, snmpd: snmpds.length, endpoints: endpoints.length,
      oids: 'the poll table\'s GET (sysUpTime, snmpEngineBoots, ifOperStatus, ifAdminStatus, ifHC*Octets + 32-bit fallbacks, ifHighSpeed, ifCounterDiscontinuityTime, ifIn/OutErrors) of ifIndex 1',
      agentBatchSize: o.batchSize ? Number(o.batchSize) : 'default', postgres: 'private PostgreSQL 15 cluster, default settings (fsync, synchronous_commit on)',
      prometheus: 'Debian prometheus 2.42, local TSDB', exporter: 'Debian prometheus-snmp-exporter 0.21',
      node: process.versions.node, cores: 2,
    },
    loadavg: { before: load0, windowStart: loadStart, windowEnd: loadEnd },
    baylanys: {
      pollsMade: made1 - made0, pollsStored: stored!.polls, pollsStoredUp: oursPolls, siteEvents: events,
      cpuS: { agent: d('agent'), postgres: d('postgres'), postgresByRole: pgRoles, rollupPerPollMs: rollupCpuS / all!.n * 1000 },
      cpuSPer1000: oursPer1000, cpuSPer1000WithoutRollups: (oursCpuS / oursPolls) * 1000, rollupCpuSPer1000: rollupPer1000,
      pollsPerS: oursPolls / wallS, expectedPollsPerS: TARGETS / INTERVAL_S, coreShare: oursCpuS / wallS,
    },
    snmpExporterPrometheus: !baseline ? null : {
      scrapes, scrapesUp: theirsPolls, samplesAppended: appended1 - appended0,
      cpuS: { prometheus: d('prometheus'), exporter: d('exporter') },
      cpuSPer1000: theirsPer1000, pollsPerS: theirsPolls / wallS,
    },
    ratioTheirsOverOurs: baseline ? theirsPer1000 / oursPer1000 : null,
    sitesPerCoreAt60s: { baylanys: (1000 / oursPer1000) * 60, snmpExporterPrometheus: baseline ? (1000 / theirsPer1000) * 60 : null },
    targets: { ratio: 1, sitesPerCoreAt60s: 40_000 },
  };
  const f = (x: number, n = 3) => x.toFixed(n);
  console.table({
    'Baylanys agent + PostgreSQL': { 'polls stored': oursPolls, 'polls/s': f(oursPolls / wallS, 1), 'CPU s': f(oursCpuS, 2), 'CPU s / 1000 polls': f(oursPer1000), 'sites/core at 60 s': Math.round(result.sitesPerCoreAt60s.baylanys) },
    ...(baseline ? { 'snmp_exporter + Prometheus': { 'polls stored': theirsPolls, 'polls/s': f(theirsPolls / wallS, 1), 'CPU s': f(theirsCpuS, 2), 'CPU s / 1000 polls': f(theirsPer1000), 'sites/core at 60 s': Math.round((1000 / theirsPer1000) * 60) } } : {}),
  });
  console.log(`agent ${f(d('agent'), 2)} s + PostgreSQL ${f(d('postgres'), 2)} s (${Object.entries(pgRoles).map(([k, v]) => `${k} ${f(v, 2)}`).join(', ')}) + rollups ${f(rollupPer1000)} s per 1000 polls; Prometheus ${f(d('prometheus'), 2)} s + exporter ${f(d('exporter'), 2)} s`);
  console.log(`polls made by the agent ${made1 - made0}, stored ${stored!.polls} (${oursPolls} up), site events ${JSON.stringify(events)}; scrapes ${scrapes} (${theirsPolls} up), samples appended ${appended1 - appended0}`);
  if (baseline) console.log(`ratio (snmp_exporter + Prometheus) ÷ (agent + PostgreSQL) per 1000 polls: ${f(theirsPer1000 / oursPer1000, 2)}× (target ≥ 1.0)`);
  console.log(`agent + PostgreSQL: ${f(oursCpuS / wallS, 2)} core for ${f(oursPolls / wallS, 1)} of ${f(TARGETS / INTERVAL_S, 1)} polls/s offered; load average ${loadStart} → ${loadEnd}`);
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(path.join(root, 'bench/results', o.out), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote bench/results/${o.out}`);
} finally {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) {
    c.kill('SIGTERM');
    await new Promise((r) => c.once('exit', r));
  }
  await exporter?.stop();
  for (const s of snmpds) await s.stop();
  await db?.close();
  await pgc?.stop();
  rmSync(dir, { recursive: true, force: true });
}
