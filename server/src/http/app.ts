// Express wiring: security headers, body limits, feature routers, the one error handler.
import express, { type Router } from 'express';
import helmet from 'helmet';
import { accessControl, type AccessOptions } from './access-gate.ts';
import { auditRoutes } from './audit-routes.ts';
import { authRoutes } from './auth-routes.ts';
import type { AppContext } from './context.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { healthRoutes } from './health-routes.ts';
import { jobRoutes } from './job-routes.ts';
import { layerRoutes } from './layer-routes.ts';
import { metricsRoutes } from './metrics-routes.ts';
import { monitoringRoutes } from './monitoring-routes.ts';
import { ogcRoutes } from './ogc-routes.ts';
import { planningRoutes } from './planning-routes.ts';
import { requestBudget } from './request-budget.ts';
import { portfolioRoutes } from './portfolio-routes.ts';
import { tileRoutes } from './tile-routes.ts';
import { webRoutes } from './web-routes.ts';

/** Feature routers, each mounted at the root; a feature module owns its own paths. */
// webRoutes answers every other page path with the app's index.html: keep it last.
export const ROUTES: Array<(ctx: AppContext) => Router> = [
  healthRoutes,
  layerRoutes,
  authRoutes,
  auditRoutes,
  planningRoutes,
  jobRoutes,
  ogcRoutes,
  portfolioRoutes,
  monitoringRoutes,
  metricsRoutes,
  tileRoutes,
  webRoutes,
];

export function createApp(
  ctx: AppContext,
  extra: Array<(ctx: AppContext) => Router> = [],
  options: { access?: AccessOptions } = {},
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // MapLibre renders in web workers created from blob: URLs.
          workerSrc: ["'self'", 'blob:'],
          childSrc: ["'self'", 'blob:'],
          imgSrc: ["'self'", 'data:', 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          // Many deployments are plain HTTP on a ministry or school LAN: upgrading would break them.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.use(express.json({ limit: '1mb' }));
  // After the body parser: its stream callbacks would lose the request's statement scope.
  app.use(requestBudget(ctx.config.requestBudgetMs));
  // Every /api, /ogc, /tiles, /metrics request is authenticated and checked against
  // access/policy.ts before any router sees it (default deny).
  app.use(accessControl(ctx, options.access));
  for (const routes of [...ROUTES, ...extra]) app.use(routes(ctx));
  app.use('/api', notFoundHandler);
  app.use(errorHandler(ctx.logger));
  return app;
}
