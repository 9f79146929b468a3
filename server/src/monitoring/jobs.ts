// Background work of the server process: refresh site measures (lists, metrics, planning
// feedback) and deliver webhook alerts. main.ts starts it; stop() on shutdown.
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { startAlertDispatcher } from './alerts.ts';
import { refreshSiteMeasures } from './measures.ts';

export type MonitoringJobOptions = { webhookUrl?: string | undefined; measuresEveryMs?: number; alertsEveryMs?: number };

export function startMonitoringJobs(db: Database, logger: Logger, opts: MonitoringJobOptions = {}) {
  let running: Promise<unknown> = Promise.resolve();
  const refresh = () => {
    running = running.then(() =>
      refreshSiteMeasures(db, Date.now()).catch((err) => logger.error({ err }, 'refreshing site measures failed')),
    );
  };
  refresh();
  const timer = setInterval(refresh, opts.measuresEveryMs ?? 60_000);
  timer.unref();
  const dispatcher = opts.webhookUrl ? startAlertDispatcher(db, { webhookUrl: opts.webhookUrl }, logger, opts.alertsEveryMs) : null;
  if (!opts.webhookUrl) logger.warn('no alert webhook configured: outage alerts stay in the outbox');
  return {
    async stop() {
      clearInterval(timer);
      await dispatcher?.stop();
      await running;
    },
  };
}
