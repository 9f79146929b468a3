// Helpers for suites that need signed-in callers: users of a role, bearer headers, logged-in agents,
// an app on a real port, and the list of routes actually mounted on an Express app.
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Express } from 'express';
import supertest from 'supertest';
import type { AccessOptions } from '../../server/src/http/access-gate.ts';
import { generatePassword } from '../../server/src/access/passwords.ts';
import type { Role, TokenRole } from '../../server/src/access/roles.ts';
import { createApiToken } from '../../server/src/access/tokens.ts';
import { createUser as createUserRow, type User } from '../../server/src/access/users.ts';
import { loadConfig } from '../../server/src/config.ts';
import type { Database } from '../../server/src/db/database.ts';
import { createApp } from '../../server/src/http/app.ts';
import type { AppContext } from '../../server/src/http/context.ts';
import { createLogger } from '../../server/src/logger.ts';

export type Scope = { regions?: string[]; siteIds?: string[] };

let serial = 0;

/** A new user of `role` with a random password; partners get KZ15, site staff site 'S1' unless told. */
export async function createUser(db: Database, role: Role, scope: Scope & { email?: string } = {}): Promise<{ user: User; email: string; password: string }> {
  const email = scope.email ?? `${role}-${process.pid}-${++serial}@test.baylanys`;
  const password = generatePassword();
  const user = await createUserRow(db, {
    email, role, password,
    regions: scope.regions ?? (role === 'partner' ? ['KZ15'] : []),
    siteIds: scope.siteIds ?? (role === 'site' ? ['S1'] : []),
  });
  return { user, email, password };
}

/** `Bearer bly_…` for a fresh user of `role` ('metrics': a metrics token minted by a new admin). */
export async function bearerFor(db: Database, role: TokenRole, scope: Scope & { days?: number } = {}): Promise<string> {
  const { user } = await createUser(db, role === 'metrics' ? 'admin' : role, scope);
  const { token } = await createApiToken(db, user, { name: `test ${role}`, role, regions: scope.regions ?? user.regions, siteIds: scope.siteIds ?? user.siteIds, days: scope.days ?? 1 });
  return `Bearer ${token}`;
}

export type Running = { server: Server; url: string; close: () => Promise<void> };

/** Listens on 127.0.0.1 with a random port, so Host and Origin headers are real. */
export async function listen(app: Express): Promise<Running> {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A supertest agent signed in as a fresh user of `role`, sending this server's Origin like a browser. */
export async function agentFor(running: Running, role: Role, db: Database, scope: Scope = {}) {
  const { user, email, password } = await createUser(db, role, scope);
  const agent = supertest.agent(running.server).set('Origin', running.url);
  const res = await agent.post('/api/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`agentFor(${role}): login answered ${res.status} ${JSON.stringify(res.body)}`);
  return { agent, user, email, password };
}

/** Log lines captured in memory (for "secrets never logged" checks). */
export function captureLogs() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
  return { logger: createLogger('trace', stream), lines, text: () => lines.join('') };
}

/** A test app on db with default configuration; `logger` defaults to silent (TEST_LOG_LEVEL=error shows a 500's cause). */
export function testApp(
  db: Database,
  options: { logger?: AppContext['logger']; access?: AccessOptions; extra?: Parameters<typeof createApp>[1] } = {},
) {
  const ctx: AppContext = { db, config: loadConfig({}), logger: options.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), versions: { baylanys: 'test' } };
  return createApp(ctx, options.extra ?? [], { access: options.access });
}

export type MountedRoute = { method: string; path: string };

type Layer = {
  route?: { path: unknown; methods: Record<string, boolean> };
  name?: string;
  regexp?: RegExp & { fast_slash?: boolean };
  handle?: { stack?: Layer[] };
};

/** The prefix of a router mounted with app.use('/prefix', router), read back from its regexp. */
function mountPrefix(layer: Layer): string | undefined {
  if (!layer.regexp || layer.regexp.fast_slash) return '';
  const m = /^\^((?:\\\/[^\\?()]+)+)\\\/\?\(\?=\\\/\|\$\)$/.exec(layer.regexp.source);
  return m ? m[1]!.replace(/\\\//g, '/') : undefined;
}

/**
 * Every route mounted on the app (walks the Express 4 router stack, nested routers included).
 * A router mounted at a prefix this cannot read is reported as method 'USE' so a test notices.
 */
export function mountedRoutes(app: Express): MountedRoute[] {
  const out: MountedRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) {
          for (const [m, on] of Object.entries(layer.route.methods)) {
            if (on && m !== '_all') out.push({ method: m.toUpperCase(), path: prefix + String(p) });
          }
        }
      } else if (layer.name === 'router' && layer.handle?.stack) {
        const inner = mountPrefix(layer);
        if (inner === undefined) out.push({ method: 'USE', path: String(layer.regexp) });
        else walk(layer.handle.stack, prefix + inner);
      }
    }
  };
  walk((app as unknown as { _router: { stack: Layer[] } })._router.stack, '');
  return out;
}

/** One request over a raw socket; resolves at the response head, so SSE streams do not hang a test. */
export function probe(
  running: Running,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: () => Promise<string> }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(running.url);
    // Raw path: a URL object would normalise '/a/../b' and '.%2e' away before the server sees them.
    const r = httpRequest({ hostname, port, path, method, headers: { ...headers, ...(body !== undefined ? { 'content-type': headers['content-type'] ?? 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      const streaming = String(res.headers['content-type'] ?? '').startsWith('text/event-stream');
      if (streaming) res.destroy();
      else res.on('data', (c: Buffer) => chunks.push(c));
      const done = new Promise<string>((ok) => (streaming ? ok('') : res.on('end', () => ok(Buffer.concat(chunks).toString('utf8')))));
      resolve({ status: res.statusCode ?? 0, headers: res.headers, text: () => done });
    });
    r.on('error', reject);
    if (body !== undefined) r.write(body);
    r.end();
  });
}
