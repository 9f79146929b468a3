// Serves the built web app (web/dist): hashed assets cached for a year, the school page at
// /s/:token, and index.html for every other page path (the app routes on the client).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from './context.ts';

export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

// Paths that belong to the API and other machine endpoints: never answered with the app's HTML.
const NOT_PAGES = /^\/(api|tiles|ogc|metrics)(\/|$)/;

const COMPRESSIBLE: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.json': 'application/json; charset=utf-8', '.html': 'text/html; charset=utf-8',
};

/**
 * Hashed assets gzipped once and kept in memory (they never change under their name): the app's
 * 1.6 MB of JavaScript travels as ~0.45 MB. Anything else, or a client without gzip, falls through
 * to express.static.
 */
function gzippedAssets(dir: string) {
  const cache = new Map<string, { mtimeMs: number; body: Buffer }>();
  return (req: Request, res: Response, next: NextFunction) => {
    const type = COMPRESSIBLE[path.extname(req.path)];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !type || !/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return next();
    const full = path.join(dir, path.normalize(req.path).replace(/^(\.\.[/\\])+/, ''));
    if (!full.startsWith(dir + path.sep) || !existsSync(full)) return next();
    const { mtimeMs } = statSync(full);
    let hit = cache.get(full);
    if (!hit || hit.mtimeMs !== mtimeMs) {
      hit = { mtimeMs, body: gzipSync(readFileSync(full), { level: 9 }) };
      cache.set(full, hit);
    }
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('Content-Length', String(hit.body.length));
    res.end(req.method === 'HEAD' ? undefined : hit.body);
  };
}

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
    r.use('/assets', gzippedAssets(path.join(distDir, 'assets')), assets);
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
