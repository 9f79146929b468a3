// Webhook alerts from the outbox (alert_outbox): enqueued exactly once per outage and kind by
// recordSamples, delivered at least once here with retry and exponential backoff. Each POST
// carries an Idempotency-Key so a receiver can drop the rare repeat (a crash after it answered).
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import type { Logger } from '../logger.ts';

const claimSql = loadSql(import.meta.url, './sql/alerts-claim.sql');
const deliveredSql = loadSql(import.meta.url, './sql/alert-delivered.sql');
const failedSql = loadSql(import.meta.url, './sql/alert-failed.sql');

export type DispatchOptions = {
  webhookUrl: string;
  /** Delay before attempt n+1 after n failures: base × 2^(n−1), capped. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  timeoutMs?: number;
  batch?: number;
};

export function backoffMs(failures: number, base = 10_000, max = 15 * 60_000): number {
  return Math.min(max, base * 2 ** Math.max(0, failures - 1));
}

/** Where a webhook URL may be logged: scheme, host and port only (paths often hold tokens). */
export function webhookOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}

/** One delivery pass at time `now`; returns how many alerts were delivered and how many failed. */
export async function dispatchAlerts(
  db: Queryable,
  opts: DispatchOptions,
  now: number = Date.now(),
  logger?: Logger,
): Promise<{ delivered: number; failed: number }> {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const due = await runSql<{ id: number; kind: string; payload: unknown; attempts: number }>(db, claimSql, {
    now, lease_s: Math.ceil((timeoutMs * 2) / 1000), limit: opts.batch ?? 50,
  });
  let delivered = 0, failed = 0;
  for (const a of due) {
    let error: string | null = null;
    try {
      const res = await fetch(opts.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `baylanys-alert-${a.id}` },
        body: JSON.stringify(a.payload),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (e) {
      error = (e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e as Error).message;
    }
    if (error === null) {
      delivered++;
      await runSql(db, deliveredSql, { id: a.id, now });
    } else {
      failed++;
      const wait = backoffMs(a.attempts, opts.backoffBaseMs, opts.backoffMaxMs);
      await runSql(db, failedSql, { id: a.id, error, retry_at: now + wait });
      logger?.warn({ alertId: a.id, kind: a.kind, attempts: a.attempts, error, webhook: webhookOrigin(opts.webhookUrl), retryInMs: wait }, 'alert delivery failed');
    }
  }
  return { delivered, failed };
}

/** Runs dispatchAlerts every `everyMs`; stop() waits for a running pass to finish. */
export function startAlertDispatcher(db: Queryable, opts: DispatchOptions, logger: Logger, everyMs = 5_000) {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() =>
      dispatchAlerts(db, opts, Date.now(), logger).catch((err) => logger.error({ err }, 'alert dispatcher pass failed')),
    );
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
