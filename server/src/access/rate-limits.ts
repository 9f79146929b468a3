// Rate limits (express-rate-limit, in-memory per process): login failures per IP and per account,
// and a budget per caller for heavy work (recompute, imports) and file exports.
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { ApiError } from '../http/errors.ts';
import { principalOf } from './principal.ts';
import { normaliseEmail } from './users.ts';

export type RateLimitOptions = {
  /** Failed logins per client IP per window (a password spray across many accounts). */
  loginPerIp: number;
  /** Failed logins per account per window (guessing one person's password). */
  loginPerAccount: number;
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

export function createLimiters(o: RateLimitOptions = DEFAULT_RATE_LIMITS): Limiters {
  const common = { standardHeaders: 'draft-7' as const, legacyHeaders: false };
  const loginIp = rateLimit({
    ...common, windowMs: o.loginWindowMs, limit: o.loginPerIp, skipSuccessfulRequests: true,
    keyGenerator: (req) => `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`,
    handler: tooMany('failed sign-ins from this address'),
  });
  const loginAccount = rateLimit({
    ...common, windowMs: o.loginWindowMs, limit: o.loginPerAccount, skipSuccessfulRequests: true,
    keyGenerator: (req) => {
      const email = (req.body as { email?: unknown } | undefined)?.email;
      return typeof email === 'string' ? `account:${normaliseEmail(email).slice(0, 254)}` : 'account:(none)';
    },
    handler: tooMany('failed sign-ins for this account'),
  });
  return {
    login: [loginIp, loginAccount],
    heavy: [rateLimit({ ...common, windowMs: 60_000, limit: o.heavyPerMinute, keyGenerator: callerKey, handler: tooMany('heavy requests') })],
    export: [rateLimit({ ...common, windowMs: 60_000, limit: o.exportPerMinute, keyGenerator: callerKey, handler: tooMany('exports') })],
  };
}
