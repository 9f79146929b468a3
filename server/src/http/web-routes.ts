// Serves the built web app (web/dist): hashed assets cached for a year, the school page at
// /s/:token, and index.html for every other page path (the app routes on the client).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type Response } from 'express';
import type { AppContext } from './context.ts';

export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

// Paths that belong to the API and other machine endpoints: never answered with the app's HTML.
const NOT_PAGES = /^\/(api|tiles|ogc|metrics)(\/|$)/;

export function webRoutesFrom(distDir: string): (ctx: AppContext) => Router {
  return () => {
    const r = Router();
    const page = (file: string) => (_req: unknown, res: Response) => {
      const full = path.join(distDir, file);
      if (!existsSync(full)) {
        res.status(503).type('text/plain; charset=utf-8')
          .send('The web app is not built yet: run `npm run build:web` (or `npm start`, which builds it).\n');
        return;
      }
      // The HTML names the hashed assets: always revalidate it so a new build is picked up.
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(full);
    };

    const assets = express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false });
    r.use('/assets', assets);
    // One middleware rather than routes: these are static pages with no data in them; every byte of
    // data comes from /api and /tiles, behind the access gate.
    r.use((req, res, next) => {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_PAGES.test(req.path) || path.extname(req.path)) return next();
      page(/^\/s\/[^/]+\/?$/.test(req.path) ? 'school.html' : 'index.html')(req, res);
    });
    return r;
  };
}

export const webRoutes = webRoutesFrom(WEB_DIST);
