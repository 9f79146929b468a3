// GET /api/health: backend, versions and row counts per layer, so an operator sees at a glance
// whether the data is loaded. Anonymous callers (load balancers, uptime checks) get the status only
// (the access gate keeps just `status`). A probe must answer while the database is busy (a recompute
// or an import holds the embedded database for minutes): the figures, read in one round trip, are
// kept HEALTH_FRESH_MS, and a probe waits at most HEALTH_WAIT_MS for fresh ones before answering
// with the last known, marked `busy: true`. An unreachable database still fails (503, errors.ts).
import { readFileSync } from 'node:fs';
import { Router } from 'express';
import { LAYER_NAMES, layerSpec } from '../data/layers.ts';
import type { AppContext } from './context.ts';
import { asyncHandler } from './errors.ts';

export const HEALTH_FRESH_MS = 5_000;
export const HEALTH_WAIT_MS = 1_000;

// Table names come from the layer catalogue, never from a request.
const countsSql = readFileSync(new URL('./health-counts.sql', import.meta.url), 'utf8').replace(
  '{{counts}}',
  LAYER_NAMES.map((name) => `(SELECT count(*)::int FROM ${layerSpec(name).table}) AS "${name}"`).join(', '),
);

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

export function healthRoutes(ctx: AppContext): Router {
  const r = Router();
  let last: { at: number; figures: Figures } | undefined;
  let pending: Promise<Figures> | undefined;
  const refresh = () =>
    (pending ??= readFigures(ctx)
      .then((figures) => {
        last = { at: Date.now(), figures };
        return figures;
      })
      .finally(() => {
        pending = undefined;
      }));

  r.get(
    '/api/health',
    asyncHandler(async (_req, res) => {
      if (last && Date.now() - last.at < HEALTH_FRESH_MS) {
        res.json({ status: 'ok', ...last.figures });
        return;
      }
      const fresh = refresh();
      let timer: NodeJS.Timeout | undefined;
      const waited = await Promise.race([
        fresh,
        new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), HEALTH_WAIT_MS))),
      ]).finally(() => clearTimeout(timer));
      if (waited) {
        res.json({ status: 'ok', ...waited });
        return;
      }
      // The database is busy (long work holds it): this process answers, with what it last knew.
      fresh.catch(() => {});
      res.json({ status: 'ok', busy: true, ...(last?.figures ?? { backend: ctx.db.backend, versions: ctx.versions }) });
    }),
  );
  return r;
}
