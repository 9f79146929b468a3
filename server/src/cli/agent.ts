// `npm run agent`: the SNMP poller as its own process, against the PostgreSQL server.
//   DATABASE_URL=postgres://… BAYLANYS_SECRET_KEY=… npm run agent -- --shard 0/2 --metrics-port 9464
import { hostname } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { startDatabaseAgent } from '../agent/db-sources.ts';
import { superviseAgent } from '../agent/supervisor.ts';
import { parseShard, type Shard } from '../agent/schedule.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { FolderLockedError, lockFolder } from '../db/folder-lock.ts';
import { createLogger } from '../logger.ts';

const program = new Command('agent')
  .description('Poll the monitored sites over SNMP and store the samples (needs DATABASE_URL)')
  .option('--shard <i/n>', 'poll only shard i of n (0-based: 0/2 and 1/2 together cover every site)')
  .option('--lease', 'share the sites with the other agents by leases in the database (a dead agent\'s sites are taken over within one interval); each agent needs its own --agent-id')
  .option('--lease-slots <n>', 'slots the sites are cut into (the same for every agent)', '256')
  .option('--lease-ttl-s <s>', 'a lease not renewed for this long is taken over', '30')
  .option('--agent-id <id>', 'stable id of this agent, part of every sample id (default: host name + shard)')
  .option('--concurrency <n>', 'polls in flight at most', '256')
  .option('--metrics-port <port>', 'serve Prometheus /metrics on this port (0 = off)', '9464')
  .option('--metrics-host <host>', 'address for /metrics', '127.0.0.1')
  .option('--buffer-dir <dir>', 'on-disk buffer while the database is unreachable (default: $DATA_DIR/agent-buffer…)')
  .option('--buffer-max-mb <mb>', 'bound of the disk buffer; past it the oldest samples are dropped and counted', '256')
  .option('--reload-s <s>', 'how often to re-read the site list', '60')
  .option('--batch-size <n>', 'samples per database write', '500')
  .option('--no-probe', 'after a timeout, do not send the SNMPv3 discovery that tells bad credentials from down')
  .parse();

type Opts = { lease?: boolean; leaseSlots: string; leaseTtlS: string; shard?: string; agentId?: string; concurrency: string; metricsPort: string; metricsHost: string; bufferDir?: string; bufferMaxMb: string; reloadS: string; batchSize: string; probe: boolean };
const opts = program.opts<Opts>();

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function positive(name: string, text: string, min = 1): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < min) fail(`--${name} "${text}": expected a number ≥ ${min}`);
  return n;
}

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) fail(err.message);
  throw err;
}
if (!config.databaseUrl) {
  fail(
    'npm run agent needs DATABASE_URL (a PostgreSQL server).\n' +
      'The embedded database (PGlite) lives inside one process and cannot be shared with a separate agent;\n' +
      'without DATABASE_URL, `npm start` runs the agent inside the server instead.',
  );
}
let shard: Shard | undefined;
try {
  shard = opts.shard ? parseShard(opts.shard) : undefined;
} catch (err) {
  fail((err as Error).message);
}
if (opts.lease && shard) fail('--lease and --shard exclude each other: leases replace the fixed shard');
const agentId = opts.agentId ?? `${hostname()}${shard ? `-${shard.index}of${shard.count}` : ''}`;
// Renewed three times per lease time: a dead agent's slots wait at most ttl + ttl / 3.
const lease = opts.lease
  ? { agentId, slots: positive('lease-slots', opts.leaseSlots), ttlMs: positive('lease-ttl-s', opts.leaseTtlS, 3) * 1000, renewMs: positive('lease-ttl-s', opts.leaseTtlS, 3) * 1000 / 3 }
  : undefined;
const metricsPort = Number(opts.metricsPort);
if (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535) fail(`--metrics-port "${opts.metricsPort}": expected 0–65535`);

// Two agents on one disk buffer would replay and delete each other's samples: one owner per buffer.
const bufferDir = opts.bufferDir ?? path.join(config.dataDir, `agent-buffer${shard ? `-${shard.index}-of-${shard.count}` : lease ? `-${agentId}` : ''}`);
try {
  lockFolder(bufferDir, 'agent');
} catch (err) {
  if (err instanceof FolderLockedError) fail(err.message);
  throw err;
}

const logger = createLogger(config.logLevel);
const db = await openDatabase({ databaseUrl: config.databaseUrl });
// Supervised in "all" mode: any uncaught error in this process restarts the polling loop with a
// back-off (1 s doubling to 60 s), counted in baylanys_agent_restarts_total; the process lives on.
const supervised = await superviseAgent({
  start: (onFault, supervisorMetrics) => startDatabaseAgent(db, {
    secretKey: config.secretKey,
    dataDir: config.dataDir,
    bufferDir,
    shard,
    lease,
    agentId,
    concurrency: positive('concurrency', opts.concurrency),
    bufferMaxBytes: positive('buffer-max-mb', opts.bufferMaxMb) * 1024 * 1024,
    reloadMs: positive('reload-s', opts.reloadS) * 1000,
    batchSize: positive('batch-size', opts.batchSize),
    metricsPort: metricsPort === 0 ? undefined : metricsPort,
    metricsHost: opts.metricsHost,
    probeOnTimeout: opts.probe,
    logger,
    onFault,
    metricsExtra: supervisorMetrics,
  }),
  logger,
  uncaught: 'all',
});
const agent = supervised.current()!;
const s = agent.stats();
logger.info({ sites: s.sites, shard, buffered: s.buffered, metrics: agent.metricsUrl }, 'agent started');
console.log(`Baylanys agent: ${s.sites} sites${shard ? ` (shard ${shard.index}/${shard.count})` : ''}; metrics at ${agent.metricsUrl ?? 'off'}`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'agent stopping: finishing polls, flushing samples');
  const force = setTimeout(() => process.exit(1), 20_000).unref();
  const last = supervised.current();
  await supervised.stop();
  await db.close();
  clearTimeout(force);
  const end = (last ?? agent).stats();
  logger.info({ polls: end.polls, inserted: end.inserted, buffered: end.buffered, dropped: end.dropped }, 'agent stopped');
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
