// Background work of the server process: refresh site measures (lists, metrics, planning
// feedback) and deliver webhook alerts. main.ts starts it; stop() on shutdown.
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { startAlertDispatcher } from './alerts.ts';
import { HISTORY_DEFAULTS, rollUpHistory, type HistoryParams } from './history.ts';
import { refreshSiteMeasures } from './measures.ts';

export type MonitoringJobOptions = {
  webhookUrl?: string | undefined; measuresEveryMs?: number; alertsEveryMs?: number;
  /** Retention and rollups of the raw polls (history.ts), every `historyEveryMs` (5 min); off when absent. */
  history?: Partial<HistoryParams>; historyEveryMs?: number;
};

export function startMonitoringJobs(db: Database, logger: Logger, opts: MonitoringJobOptions = {}) {
  // One pass at a time: a tick that finds the last pass still running is skipped, not queued
  // (issue 12: at 1 000 sites a pass took 5–8 min and a new one was queued every minute).
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  let skipped = 0;
  const refresh = () => {
    if (busy) {
      skipped++;
      return;
    }
    busy = true;
    const started = Date.now();
    running = refreshSiteMeasures(db, started)
      .then((sites) => {
        const ms = Date.now() - started;
        if (skipped > 0) logger.warn({ sites, ms, skipped }, 'site measures take longer than their interval; ticks were skipped');
        skipped = 0;
      })
      .catch((err) => logger.error({ err }, 'refreshing site measures failed'))
      .finally(() => {
        busy = false;
      });
  };
  refresh();
  const timer = setInterval(refresh, opts.measuresEveryMs ?? 60_000);
  timer.unref();
  // Partitions ahead, rollups of the hours that ended, retention: one pass at a time, like the above.
  const historyParams = { ...HISTORY_DEFAULTS, ...opts.history };
  let history: Promise<unknown> = Promise.resolve();
  let historyBusy = false;
  const roll = () => {
    if (historyBusy || !opts.history) return;
    historyBusy = true;
    history = rollUpHistory(db, Date.now(), historyParams)
      .then((pass) => { if (pass.partitionsDropped || pass.rollupRows) logger.info(pass, 'sample history rolled up'); })
      .catch((err) => logger.error({ err }, 'rolling up sample history failed'))
      .finally(() => { historyBusy = false; });
  };
  roll();
  const historyTimer = setInterval(roll, opts.historyEveryMs ?? 5 * 60_000);
  historyTimer.unref();
  const dispatcher = opts.webhookUrl ? startAlertDispatcher(db, { webhookUrl: opts.webhookUrl }, logger, opts.alertsEveryMs) : null;
  if (!opts.webhookUrl) logger.warn('no alert webhook configured: outage alerts stay in the outbox');
  return {
    async stop() {
      clearInterval(timer);
      clearInterval(historyTimer);
      await dispatcher?.stop();
      await running;
      await history;
    },
  };
}
