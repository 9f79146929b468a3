// GET /api/health: backend, versions and row counts per layer, so an operator sees at a glance
// whether the data is loaded. Anonymous callers (load balancers, uptime checks) get the status from
// one trivial query; the counts cost one round trip and are for signed-in callers only.
import { readFileSync } from 'node:fs';
import { Router } from 'express';
import { principalOf } from '../access/principal.ts';
import { LAYER_NAMES, layerSpec } from '../data/layers.ts';
import type { AppContext } from './context.ts';
import { asyncHandler } from './errors.ts';

// Table names come from the layer catalogue, never from a request.
const countsSql = readFileSync(new URL('./health-counts.sql', import.meta.url), 'utf8').replace(
  '{{counts}}',
  LAYER_NAMES.map((name) => `(SELECT count(*)::int FROM ${layerSpec(name).table}) AS "${name}"`).join(', '),
);

export function healthRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get(
    '/api/health',
    asyncHandler(async (req, res) => {
      if (principalOf(req).kind === 'anonymous') {
        await ctx.db.query('SELECT 1');
        res.json({ status: 'ok' });
        return;
      }
      const [row] = await ctx.db.query<Record<string, number | string>>(countsSql);
      const counts: Record<string, number> = {};
      for (const name of LAYER_NAMES) counts[name] = Number(row?.[name] ?? 0);
      const v = { postgres: row?.postgres as string | undefined, postgis: row?.postgis as string | undefined };
      res.json({
        status: 'ok',
        backend: ctx.db.backend,
        versions: { ...ctx.versions, postgres: v?.postgres, postgis: v?.postgis },
        layers: counts,
      });
    }),
  );
  return r;
}
