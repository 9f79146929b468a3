// End-to-end harness: builds the web app (vite --mode e2e), starts the real Baylanys app in-process
// on a free loopback port with a fresh database (bundled data when the loader exists, else the tile
// fixture), and opens headless Chromium that may talk to 127.0.0.1 only.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../server/src/config.ts';
import { createApp } from '../../server/src/http/app.ts';
import { createLogger } from '../../server/src/logger.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { bearerFor } from '../support/auth.ts';
import { requirePeer } from '../support/peers.ts';
import { loadTileFixture } from '../http/tile-fixture.ts';
import { generatePassword } from '../../server/src/access/passwords.ts';
import { createUser } from '../../server/src/access/users.ts';
import { loadBundledData } from '../../server/src/data/bundled.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
  // With the GPU off, WebGL (MapLibre) runs on SwiftShader, which Chromium now wants asked for.
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

export const chromiumPath = (): string | undefined =>
  requirePeer('chromium', 'apt-get install chromium', ['/usr/bin/chromium', '/usr/bin/chromium-browser']);

/** Builds web/dist in e2e mode unless an e2e build newer than every source file is there. */
export function buildWeb(): void {
  const stamp = path.join(ROOT, 'web', 'dist', '.build-mode');
  const mode = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
  if (mode === 'e2e' && !isStale(statSync(stamp).mtimeMs)) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--mode', 'e2e', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  writeFileSync(stamp, 'e2e\n');
}

function isStale(builtAt: number): boolean {
  const walk = (dir: string): boolean => {
    for (const name of execFileSync('find', [dir, '-type', 'f'], { encoding: 'utf8' }).split('\n').filter(Boolean)) {
      if (statSync(name).mtimeMs > builtAt) return true;
    }
    return false;
  };
  return walk(path.join(ROOT, "web", "src")) || ["index.html", "school.html", "vite.config.ts"].some((f) => statSync(path.join(ROOT, "web", f)).mtimeMs > builtAt);
}

export type Harness = {
  db: TestDatabase;
  url: string;
  browser: Browser;
  served: string[];
  blocked: string[];
  /** A new browser context, signed in (session cookie) unless signIn is false. */
  newPage(opts?: { viewport?: { width: number; height: number }; locale?: string; signIn?: boolean }): Promise<{ page: Page; context: BrowserContext }>;
  /** Server time of every tile response so far (ms, request → last byte). */
  tileMs: number[];
  /** Calls the API as an administrator (bearer token); throws with the body on an error status. */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Credentials of the administrator the harness created. */
  login: { email: string; password: string };
  close(): Promise<void>;
  data: 'bundled' | 'fixture';
};

/** The bundled Kazakhstan data, as `npm start` loads it (the tile fixture only if asked). */
async function loadData(db: TestDatabase, data: 'bundled' | 'fixture'): Promise<'bundled' | 'fixture'> {
  if (data === 'bundled') await loadBundledData(db);
  else await loadTileFixture(db);
  return data;
}

/** An administrator to sign in with: the server gates /api and /tiles behind accounts. */
async function createAdmin(db: TestDatabase): Promise<{ email: string; password: string }> {
  const login = { email: 'e2e-admin@test.baylanys', password: generatePassword() };
  await createUser(db, { email: login.email, role: 'admin', password: login.password });
  return login;
}

export async function startHarness(executablePath: string, opts: { data?: 'bundled' | 'fixture' } = {}): Promise<Harness> {
  buildWeb();
  const db = await openTestDatabase();
  const data = await loadData(db, opts.data ?? 'bundled');
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: path.join(ROOT, 'bench', 'tmp'),
    BAYLANYS_SECRET_KEY: randomBytes(32).toString('hex'),
  });
  const logger = createLogger('silent');
  const app = createApp({ db, config, logger, versions: { baylanys: 'e2e' } });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const served: string[] = [];
  const tileMs: number[] = [];
  server.on('request', (req, res) => {
    const u = String((req as { originalUrl?: string }).originalUrl ?? req.url);
    served.push(u);
    const t0 = performance.now();
    if (u.startsWith('/tiles/')) res.on('finish', () => tileMs.push(performance.now() - t0));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  const blocked: string[] = [];
  mkdirSync(SCREENSHOTS, { recursive: true });
  const login = await createAdmin(db);
  const bearer = await bearerFor(db, 'admin');

  return {
    db, url, browser, served, blocked, data, login, tileMs,
    async api<T>(method: string, p: string, body?: unknown): Promise<T> {
      const res = await fetch(`${url}${p}`, {
        method, headers: { authorization: bearer, 'content-type': 'application/json', accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${p}: HTTP ${res.status} ${text.slice(0, 300)}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async newPage(opts = {}) {
      const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1400, height: 900 }, locale: opts.locale ?? 'ru-RU' });
      // Everything not addressed to the loopback server is refused and remembered.
      await context.route('**/*', (route) => {
        const u = new URL(route.request().url());
        if (u.hostname === '127.0.0.1' || u.protocol === 'data:' || u.protocol === 'blob:') return route.continue();
        blocked.push(route.request().url());
        return route.abort('blockedbyclient');
      });
      if (opts.signIn !== false) {
        const res = await context.request.post(`${url}/api/auth/login`, { data: login });
        if (!res.ok()) throw new Error(`sign-in for the e2e planner failed: HTTP ${res.status()}`);
      }
      const page = await context.newPage();
      page.on('request', (r) => {
        const u = new URL(r.url());
        if (!['127.0.0.1'].includes(u.hostname) && !['data:', 'blob:'].includes(u.protocol)) blocked.push(r.url());
      });
      return { page, context };
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}

/** Waits for the map to be loaded and idle (all visible tiles rendered). */
export async function waitForMapIdle(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => {
    const map = (window as unknown as { __map?: { loaded(): boolean; areTilesLoaded(): boolean } }).__map;
    return !!map && map.loaded() && map.areTilesLoaded();
  }, undefined, { timeout, polling: 200 });
}

export function recordBench(entry: Record<string, unknown>): void {
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'web.json'), JSON.stringify({ recordedAt: new Date().toISOString(), ...entry }, null, 2) + '\n');
}
