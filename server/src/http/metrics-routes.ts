// GET /metrics: Prometheus text from the monitoring registry (its own, not prom-client's default).
import { Router } from 'express';
import { createMonitoringMetrics } from '../monitoring/metrics.ts';
import type { AppContext } from './context.ts';
import { asyncHandler } from './errors.ts';

export function metricsRoutes(ctx: AppContext): Router {
  const r = Router();
  const metrics = createMonitoringMetrics();
  r.get('/metrics', asyncHandler(async (_req, res) => {
    const text = (await metrics.render(ctx.db)) + ((await ctx.agentMetrics?.()) ?? '');
    res.type(metrics.registry.contentType).send(text);
  }));
  return r;
}
