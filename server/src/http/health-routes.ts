// GET /api/health: backend, versions and row counts per layer, so an operator sees at a glance
// whether the data is loaded.
import { Router } from 'express';
import { LAYER_NAMES, layerSpec } from '../data/layers.ts';
import type { AppContext } from './context.ts';
import { asyncHandler } from './errors.ts';

export function healthRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get(
    '/api/health',
    asyncHandler(async (_req, res) => {
      const counts: Record<string, number> = {};
      for (const name of LAYER_NAMES) {
        const [row] = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${layerSpec(name).table}`);
        counts[name] = row?.n ?? 0;
      }
      const [v] = await ctx.db.query<{ postgres: string; postgis: string }>(
        `SELECT current_setting('server_version') AS postgres, postgis_lib_version() AS postgis`,
      );
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
