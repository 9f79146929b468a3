// Failed sign-ins slow down the client that fails, not the account: failures are counted per
// (login, client), where the client is a browser that signed in to that login before (a "known
// device" cookie) or else the address. After `free` failures each attempt must wait twice as long
// as the previous one (1 s, 2 s, 4 s … at most 15 min), answered 429 `login_throttled` with
// Retry-After and without checking the password. So a stranger who guesses at `admin` from
// anywhere never keeps the administrator's own browser out, and one office behind a NAT is not
// blocked by a colleague's typos for longer than a few seconds. Counters live in the database
// (both backends, several server processes) and `npm run admin -- unlock` clears them.
import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { ApiError } from '../http/errors.ts';
import { sha256Hex } from './secrets.ts';
import { findLogin, normaliseEmail } from './users.ts';

export const DEVICE_COOKIE = 'bly_device';
const DEVICE_SHAPE = /^[A-Za-z0-9_-]{20,200}$/;
const DEVICE_DAYS = 365;
export const MAX_WAIT_MS = 15 * 60_000;

export type ThrottleOptions = {
  /** Failures of one login from one client before attempts are delayed. */
  perAccount: number;
  /** Failures over all logins from one address (not a known device) before attempts are delayed. */
  perIp: number;
  /** A counter idle this long starts again from zero. */
  resetMs: number;
};

const q = {
  get: loadSql(import.meta.url, './sql/login-failures-get.sql'),
  add: loadSql(import.meta.url, './sql/login-failure-add.sql'),
  clear: loadSql(import.meta.url, './sql/login-failures-clear.sql'),
  deviceGet: loadSql(import.meta.url, './sql/known-device-get.sql'),
  deviceInsert: loadSql(import.meta.url, './sql/known-device-insert.sql'),
};

/**
 * How long (ms) a client with `failures` counted failures, the last at `lastAt`, must still wait
 * before its next attempt is checked. Pure: `now` is a parameter.
 */
export function waitMs(failures: number, lastAt: number, now: number, free: number, resetMs: number): number {
  if (failures < free || now - lastAt >= resetMs) return 0;
  const wait = Math.min(1000 * 2 ** (failures - free), MAX_WAIT_MS);
  return Math.max(0, lastAt + wait - now);
}

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const loginOf = (req: Request): string => {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? normaliseEmail(email).slice(0, 254) : '';
};

/** After a successful sign-in: this browser becomes a known device of `userId` (cookie + row). */
export async function rememberDevice(db: Queryable, req: Request, res: Response, userId: number): Promise<void> {
  const existing = cookieValue(req, DEVICE_COOKIE);
  const id = existing && DEVICE_SHAPE.test(existing) ? existing : randomBytes(32).toString('base64url');
  await runSql(db, q.deviceInsert, { id_hash: sha256Hex(id), user_id: userId });
  res.cookie(DEVICE_COOKIE, id, {
    httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/api/auth', maxAge: DEVICE_DAYS * 86_400_000,
  });
}

/** An administrator lifts the delays of a login (all clients). */
export async function unlockLogin(db: Queryable, login: string): Promise<void> {
  await runSql(db, q.clear, { account: normaliseEmail(login), client: null });
}

type Counter = { account: string; client: string; free: number };
type LoginAttempt = { failed(): Promise<void>; succeeded(): Promise<void> };
const ATTEMPT = 'baylanysLoginAttempt';

/** Called by the sign-in handler before it answers 401 (counts the failure for this login and client). */
export async function loginFailed(res: Response): Promise<void> {
  await (res.locals[ATTEMPT] as LoginAttempt | undefined)?.failed();
}

/** Called by the sign-in handler on success (this client's counter for the login starts over). */
export async function loginSucceeded(res: Response): Promise<void> {
  await (res.locals[ATTEMPT] as LoginAttempt | undefined)?.succeeded();
}

/** The gate's handler for POST /api/auth/login (policy rule `limit: 'login'`). */
export function loginThrottle(db: Queryable, o: ThrottleOptions): RequestHandler {
  // Attempts being checked right now count as failures, so parallel guesses gain nothing.
  const inflight = new Map<string, number>();
  const keyOf = (c: Counter) => `${c.account}\u0000${c.client}`;
  return (req, res, next) => {
    (async () => {
      const account = loginOf(req);
      const ip = `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
      let client = ip;
      const device = cookieValue(req, DEVICE_COOKIE);
      if (account && device && DEVICE_SHAPE.test(device)) {
        const login = await findLogin(db, account);
        const hash = sha256Hex(device);
        if (login && (await runSql(db, q.deviceGet, { id_hash: hash, user_id: login.id })).length > 0) client = `device:${hash.slice(0, 24)}`;
      }
      const counters: Counter[] = [{ account, client, free: o.perAccount }];
      if (client === ip) counters.push({ account: '*', client: ip, free: o.perIp });

      // Reserve this attempt before any await: parallel guesses each see the ones before them.
      const before = counters.map((c) => inflight.get(keyOf(c)) ?? 0);
      for (const c of counters) inflight.set(keyOf(c), (inflight.get(keyOf(c)) ?? 0) + 1);
      let done = false;
      const release = () => {
        if (done) return;
        done = true;
        for (const c of counters) {
          const n = (inflight.get(keyOf(c)) ?? 1) - 1;
          if (n > 0) inflight.set(keyOf(c), n);
          else inflight.delete(keyOf(c));
        }
      };
      res.on('finish', release);
      res.on('close', release);

      const now = Date.now();
      let wait = 0;
      for (const [i, c] of counters.entries()) {
        const [row] = await runSql<{ failures: number; last_at: Date }>(db, q.get, { client: c.client, accounts: [c.account] });
        const failures = (row?.failures ?? 0) + before[i]!;
        const lastAt = row ? new Date(row.last_at).getTime() : now;
        wait = Math.max(wait, waitMs(failures, lastAt, now, c.free, o.resetMs));
      }
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        res.set('Retry-After', String(seconds));
        throw new ApiError(
          429, 'login_throttled',
          `too many failed sign-ins for this login from this ${client === ip ? 'address' : 'browser'}: wait ${seconds} s and try again ` +
            '(a browser that signed in to this login before is not delayed; an administrator can lift it: npm run admin -- unlock --email <login>)',
        );
      }
      // The sign-in handler reports the outcome before it answers, so the next attempt sees it.
      const attempt: LoginAttempt = {
        async failed() {
          for (const c of counters) await runSql(db, q.add, { account: c.account, client: c.client, reset_s: o.resetMs / 1000 });
        },
        async succeeded() {
          if (account) await runSql(db, q.clear, { account, client });
        },
      };
      res.locals[ATTEMPT] = attempt;
      next();
    })().catch(next);
  };
}
