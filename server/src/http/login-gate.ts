// The sign-in gate (policy rule `limit: 'login'`): failures are counted per (login, client) by
// access/login-throttle.ts; here the client is told apart (a "known device" cookie, else the
// address) and a delayed attempt is answered 429 `login_throttled` with Retry-After, without
// checking the password.
import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { addFailure, addKnownDevice, clearFailures, failuresOf, isKnownDevice, waitMs, type ThrottleOptions } from '../access/login-throttle.ts';
import { sha256Hex } from '../access/secrets.ts';
import { normaliseEmail } from '../access/users.ts';
import type { Queryable } from '../db/database.ts';
import { cookieValue } from './cookies.ts';
import { ApiError } from './errors.ts';

export const DEVICE_COOKIE = 'bly_device';
const DEVICE_SHAPE = /^[A-Za-z0-9_-]{20,200}$/;
const DEVICE_DAYS = 365;

const loginOf = (req: Request): string => {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? normaliseEmail(email).slice(0, 254) : '';
};

/** After a successful sign-in: this browser becomes a known device of `userId` (cookie + row). */
export async function rememberDevice(db: Queryable, req: Request, res: Response, userId: number): Promise<void> {
  const existing = cookieValue(req, DEVICE_COOKIE);
  const id = existing && DEVICE_SHAPE.test(existing) ? existing : randomBytes(32).toString('base64url');
  await addKnownDevice(db, id, userId);
  res.cookie(DEVICE_COOKIE, id, {
    httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/api/auth', maxAge: DEVICE_DAYS * 86_400_000,
  });
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
      if (account && device && DEVICE_SHAPE.test(device) && (await isKnownDevice(db, account, device))) {
        client = `device:${sha256Hex(device).slice(0, 24)}`;
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
        const row = await failuresOf(db, c.account, c.client);
        const failures = (row?.failures ?? 0) + before[i]!;
        const lastAt = row ? row.lastAt : now;
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
          for (const c of counters) await addFailure(db, c.account, c.client, o.resetMs);
        },
        async succeeded() {
          if (account) await clearFailures(db, account, client);
        },
      };
      res.locals[ATTEMPT] = attempt;
      next();
    })().catch(next);
  };
}
