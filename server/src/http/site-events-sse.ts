// GET /api/sites/events: server-sent `status` events { siteId, status, at }.
// Two sources: the in-process emitter (recordSamples in this process) and, because the agent is
// usually a separate process writing straight to the database, a poll of site_state every few
// seconds; a per-connection map of last-sent statuses makes each change go out once.
import type { Request, Response } from 'express';
import type { Scope } from '../access/scope.ts';
import type { Queryable } from '../db/database.ts';
import { currentStatus } from '../monitoring/rules/freshness.ts';
import { readSiteStatuses as readStatuses, siteStatusEvents, type SiteStatusRow as Row, type StatusChange } from '../monitoring/status-events.ts';

export type SseOptions = { pollMs: number; heartbeatMs: number };
export const SSE_DEFAULTS: SseOptions = { pollMs: 5_000, heartbeatMs: 15_000 };


/** Streams changes of the sites within `scopeOf(req)` only. */
export function statusEventsHandler(db: Queryable, scopeOf: (req: Request) => Scope, opts: SseOptions = SSE_DEFAULTS, now: () => number = Date.now) {
  // A site with no poll for 3 intervals goes to `unknown` ("no recent data"): the poll below sends it.
  const shown = (r: Row) => currentStatus(r.status, r.last_polled_at, r.interval_s, now());
  return async (req: Request, res: Response) => {
    const scope = scopeOf(req);
    const known = new Map<string, string>();
    for (const r of await readStatuses(db, scope)) known.set(r.site_id, shown(r));
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 5000\n\n`);
    // A site outside the scope never enters `known`, so its emitter events are dropped here.
    const send = (c: StatusChange, fromPoll = false) => {
      if (!fromPoll && !known.has(c.siteId)) return;
      if (known.get(c.siteId) === c.status) return;
      known.set(c.siteId, c.status);
      res.write(`event: status\ndata: ${JSON.stringify(c)}\n\n`);
    };
    const onStatus = (c: StatusChange) => send(c);
    siteStatusEvents.on('status', onStatus);
    let polling = false;
    const poll = setInterval(async () => {
      if (polling) return;
      polling = true;
      try {
        for (const r of await readStatuses(db, scope)) {
          const status = shown(r);
          const at = status === r.status ? (r.status_since ?? new Date()) : new Date(now());
          send({ siteId: r.site_id, status, at: at.toISOString() }, true);
        }
      } catch {
        /* the database is briefly unreachable: try again at the next tick */
      } finally {
        polling = false;
      }
    }, opts.pollMs);
    const beat = setInterval(() => res.write(`: ping\n\n`), opts.heartbeatMs);
    req.on('close', () => {
      clearInterval(poll);
      clearInterval(beat);
      siteStatusEvents.off('status', onStatus);
    });
  };
}
