// GET /api/health: backend, versions and row counts per layer, so an operator sees at a glance
// whether the data is loaded. Anonymous callers (load balancers, uptime checks) get the status from
// one trivial query; the counts cost one round trip and are for signed-in callers only. A probe must answer while the database is busy (a recompute
// or an import holds the embedded database for minutes): the figures, read in one round trip, are
// kept HEALTH_FRESH_MS, and a probe waits at most HEALTH_WAIT_MS for fresh ones before answering
// with the last known, marked `busy: true`. An unreachable database still fails (503, errors.ts).
// While the last good reading is recent (HEALTH_STALE_MS) a probe waits only HEALTH_GRACE_MS: the
// full second was what a probe cost whenever its refresh met a long statement (issue 11: 1 s probes
// idle and during a recompute, where the database had answered a moment before).
import { Router } from 'express';
import { principalOf } from './request-principal.ts';
import { LAYER_NAMES, layerSpec } from '../data/layers.ts';
import { catalogueTable, fillSql, loadSqlTemplate, trusted } from '../db/sql-template.ts';
import { urgently } from '../db/statement-scope.ts';
import type { AppContext } from './context.ts';
import { asyncHandler } from './errors.ts';

export const HEALTH_FRESH_MS = 5_000;
export const HEALTH_WAIT_MS = 1_000;
export const HEALTH_STALE_MS = 30_000;
// A moment, not a wait: a loopback SELECT 1 answers in ~1 ms, so a healthy database is still read
// fresh; a busy one costs a probe 5 ms (25 ms made every refresh meeting a recompute's statement a
// probe 6–7× the idle p99 on a quiet machine, issue 11).
export const HEALTH_GRACE_MS = 5;

// Table names come from the layer catalogue, never from a request.
const countsSql = fillSql(loadSqlTemplate(import.meta.url, './health-counts.sql'), {
  counts: trusted(LAYER_NAMES.map((name) => `(SELECT count(*)::int FROM ${catalogueTable(layerSpec(name).table)}) AS "${name}"`).join(', ')),
}).text;

type Figures = { backend: string; versions: Record<string, unknown>; layers: Record<string, number> };

async function readFigures(ctx: AppContext): Promise<Figures> {
  const [row] = await ctx.db.query<Record<string, number | string>>(countsSql);
  const layers: Record<string, number> = {};
  for (const name of LAYER_NAMES) layers[name] = Number(row?.[name] ?? 0);
  return {
    backend: ctx.db.backend,
    versions: { ...ctx.versions, postgres: row?.postgres as string | undefined, postgis: row?.postgis as string | undefined },
    layers,
  };
}

/**
 * A reading kept `HEALTH_FRESH_MS`; a caller waits for a new one at most `HEALTH_GRACE_MS` when the
 * last good one is younger than `HEALTH_STALE_MS`, else `HEALTH_WAIT_MS`, then gets 'busy' (with the
 * last known, if any). One reading at a time; a failed one rejects (→ 503) and is not kept, so the
 * next caller waits the full time again.
 */
function kept<T>(read: () => Promise<T>) {
  let last: { at: number; value: T } | undefined;
  let pending: Promise<T> | undefined;
  return async (): Promise<{ value: T; busy: false } | { value: T | undefined; busy: true }> => {
    if (last && Date.now() - last.at < HEALTH_FRESH_MS) return { value: last.value, busy: false };
    const fresh = (pending ??= read()
      .then(
        (value) => {
          last = { at: Date.now(), value };
          return value;
        },
        (err: unknown) => {
          last = undefined;
          throw err;
        },
      )
      .finally(() => {
        pending = undefined;
      }));
    const waitMs = last && Date.now() - last.at < HEALTH_STALE_MS ? HEALTH_GRACE_MS : HEALTH_WAIT_MS;
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([
      fresh.then((value) => ({ value })),
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), waitMs))),
    ]).finally(() => clearTimeout(timer));
    if (waited) return { value: waited.value, busy: false };
    fresh.catch(() => {});
    return { value: last?.value, busy: true };
  };
}

export function healthRoutes(ctx: AppContext): Router {
  const r = Router();
  // Anonymous checks (load balancers, uptime probes) cost one trivial query, never a count.
  // Served ahead of every waiting statement on the embedded thread (statement-scope.ts): a probe must
  // not queue behind 200 clients' requests; it still waits for the one statement that is running.
  const alive = kept(() => urgently(async () => void (await ctx.db.query('SELECT 1'))));
  const figures = kept(() => urgently(() => readFigures(ctx)));

  r.get(
    '/api/health',
    asyncHandler(async (req, res) => {
      if (principalOf(req).kind === 'anonymous') {
        const a = await alive();
        res.json({ status: 'ok', ...(a.busy ? { busy: true } : {}) });
        return;
      }
      const f = await figures();
      // The database is busy (long work holds it): this process answers, with what it last knew.
      const known = f.value ?? { backend: ctx.db.backend, versions: ctx.versions };
      res.json({ status: 'ok', ...(f.busy ? { busy: true } : {}), ...known });
    }),
  );
  return r;
}
