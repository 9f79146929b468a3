// Wiring only: configuration → database → migrations → bundled data → HTTP server → shutdown.
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadConfigOrExit, type Config } from './config.ts';
import { openConfiguredDatabase } from './db/database.ts';
import { lockFolder } from './db/folder-lock.ts';
import { migrate } from './db/migrate.ts';
import { loadBundledData } from './data/bundled.ts';
import { ensureFirstAdmin, firstAdminDelivery } from './access/bootstrap.ts';
import { activeParameters } from './planning/active-parameters.ts';
import { recompute } from './planning/recompute.ts';
import { startMonitoringJobs } from './monitoring/jobs.ts';
import { startDatabaseAgent } from './agent/db-sources.ts';
import { superviseAgent } from './agent/supervisor.ts';
import { startDemoFleet } from './agent/simulator/demo.ts';
import { embeddedSecretKey } from './secret-key.ts';
import { createApp } from './http/app.ts';
import { serveCliRelay } from './cli/relay.ts';
import { createLogger } from './logger.ts';

const require = createRequire(import.meta.url);

async function main(): Promise<void> {
  let config: Config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  const started = Date.now();
  // The embedded database locks its folder itself (db/folder-lock.ts); on PostgreSQL the in-process
  // agent's disk buffer is the one thing in DATA_DIR that two servers must not share.
  if (config.databaseUrl && config.agentInProcess) lockFolder(path.join(config.dataDir, 'agent-buffer'), 'server');
  const db = await openConfiguredDatabase(config);
  const applied = await migrate(db);
  logger.info({ backend: db.backend, applied }, 'database ready');
  if (config.loadBundledData) {
    const report = await loadBundledData(db, { logger });
    if (report.status === 'loaded') {
      const rows = Object.fromEntries(report.layers.map((l) => [l.layer, l.rows]));
      logger.info({ rows, totalMs: report.totalMs }, 'bundled Kazakhstan data loaded');
    }
  }
  // Brings the ranked gaps up to date with the data; incremental, so a restart with no change is quick.
  const plan = await recompute(db, await activeParameters(db));
  logger.info({ plan }, 'gap engine up to date');
  await ensureFirstAdmin(db, logger, firstAdminDelivery(config.dataDir));

  if (!config.secretKey && !config.databaseUrl) {
    const { key, created } = embeddedSecretKey(config.dataDir);
    config = { ...config, secretKey: key };
    if (created) logger.info('created a credential key in the data folder (embedded backend)');
  }
  const monitoring = startMonitoringJobs(db, logger, {
    webhookUrl: config.alertWebhookUrl,
    history: { retentionDays: config.sampleRetentionDays, hourlyRetentionDays: config.rollupHourlyRetentionDays },
  });
  const fleet = config.demoSites ? await startDemoFleet(db, config.secretKey) : undefined;
  if (fleet) logger.info({ sites: fleet.siteIds.length }, 'demo: simulated SNMP devices are running on 127.0.0.1');
  // Supervised: an error in the polling loop restarts the agent after a back-off; it never ends the server.
  const agent = config.agentInProcess
    ? await superviseAgent({
        start: (onFault) => startDatabaseAgent(db, { secretKey: config.secretKey, dataDir: config.dataDir, bufferDir: path.join(config.dataDir, 'agent-buffer'), logger, agentId: 'server', processMetrics: false, onFault }),
        logger,
        uncaught: 'agent',
      })
    : undefined;

  const versions = { baylanys: require('../../package.json').version as string, node: process.versions.node };
  const app = createApp({ db, config, logger, versions, agentMetrics: agent?.metricsText });
  // On the embedded database this process owns the data folder: `npm run admin` / `npm run import`
  // hand their work to it over DATA_DIR/baylanys.sock instead of opening the folder themselves.
  const relay = config.databaseUrl
    ? undefined
    : await serveCliRelay(db, config.dataDir, (await import('./cli/commands.ts')).RELAYED_COMMANDS, logger);
  const server = app.listen(config.port, config.host, () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    logger.info({ startupMs: Date.now() - started }, 'server started');
    console.log(`Baylanys is running at http://${config.host}:${port}/  (backend: ${db.backend})`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Stop taking requests, let running ones finish, then close the database cleanly.
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    server.close(async () => {
      await relay?.close();
      await agent?.stop();
      await fleet?.stop();
      await monitoring.stop();
      await db.close();
      clearTimeout(force);
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error('Baylanys failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
