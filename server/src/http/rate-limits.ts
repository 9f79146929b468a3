// Rate limits: failed sign-ins slow down per login and client (login-gate.ts; the counters are in the
// database, access/login-throttle.ts), and a budget per caller (express-rate-limit, in memory) for
// heavy work and file exports.
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { ApiError } from './errors.ts';
import { principalOf } from './request-principal.ts';
import type { Queryable } from '../db/database.ts';
import { loginThrottle } from './login-gate.ts';

export type RateLimitOptions = {
  /** Failed logins from one address over all logins before its attempts are delayed (a spray). */
  loginPerIp: number;
  /** Failed logins of one login from one client before that client's attempts are delayed. */
  loginPerAccount: number;
  /** A failure counter idle this long starts again from zero. */
  loginWindowMs: number;
  /** Recomputes, imports, scenario runs per caller per minute. */
  heavyPerMinute: number;
  /** CSV/GeoJSON/report downloads per caller per minute. */
  exportPerMinute: number;
};

export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  loginPerIp: 30,
  loginPerAccount: 5,
  loginWindowMs: 15 * 60_000,
  heavyPerMinute: 20,
  exportPerMinute: 60,
};

function tooMany(what: string): RequestHandler {
  return (_req, res, next) => {
    const retry = res.getHeader('retry-after');
    next(new ApiError(429, 'rate_limited', `too many ${what}; try again in ${retry ?? 'a few'} seconds`));
  };
}

function callerKey(req: Request): string {
  const p = principalOf(req);
  if (p.kind === 'token') return `token:${p.tokenId}`;
  if (p.kind === 'session') return `user:${p.userId}`;
  return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

export type Limiters = Record<'login' | 'heavy' | 'export', RequestHandler[]>;

export function createLimiters(db: Queryable, o: RateLimitOptions = DEFAULT_RATE_LIMITS): Limiters {
  const common = { standardHeaders: 'draft-7' as const, legacyHeaders: false };
  return {
    login: [loginThrottle(db, { perAccount: o.loginPerAccount, perIp: o.loginPerIp, resetMs: o.loginWindowMs })],
    heavy: [rateLimit({ ...common, windowMs: 60_000, limit: o.heavyPerMinute, keyGenerator: callerKey, handler: tooMany('heavy requests') })],
    export: [rateLimit({ ...common, windowMs: 60_000, limit: o.exportPerMinute, keyGenerator: callerKey, handler: tooMany('exports') })],
  };
}
