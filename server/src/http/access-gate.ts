// The one gate in front of /api, /ogc, /tiles and /metrics: authenticate (session cookie or
// bearer token), find the policy rule (none → 403), check the caller's role, CSRF for cookie
// callers, then the rule's rate limit. Feature routes only narrow data with scopeFor(req).
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { audit } from '../access/audit.ts';
import { ApiError } from './errors.ts';
import { cookieValue } from './cookies.ts';
import { UNSAFE_METHODS, originVerdict } from './csrf.ts';
import { hostileInput } from './hostile-input.ts';
import { allows, findRule, isGuardedPath, type CompiledRule } from '../access/policy.ts';
import { setPrincipal } from './request-principal.ts';
import { createLimiters, DEFAULT_RATE_LIMITS, type RateLimitOptions } from './rate-limits.ts';
import { actorName, subjectOf, type Principal } from '../access/roles.ts';
import { lookupSession, SESSION_COOKIE } from '../access/sessions.ts';
import { lookupApiToken } from '../access/tokens.ts';

export type AccessOptions = { rateLimits?: Partial<RateLimitOptions> };

// Base64url of 32+ bytes; anything else is refused before it reaches the database.
const SECRET_SHAPE = /^[A-Za-z0-9_-]{20,200}$/;

function unauthorised(code: string, message: string): ApiError {
  return new ApiError(401, code, message);
}

export async function authenticate(db: Database, req: Request): Promise<Principal> {
  const auth = req.get('authorization');
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!m) throw unauthorised('invalid_token', 'Authorization must be "Bearer <token>"');
    const token = m[1]!;
    const body = token.startsWith('bly_') ? token.slice(4) : '';
    const p = SECRET_SHAPE.test(body) ? await lookupApiToken(db, token) : undefined;
    if (!p) throw unauthorised('invalid_token', 'the API token is unknown, expired or revoked');
    return p;
  }
  const sid = cookieValue(req, SESSION_COOKIE);
  if (sid && SECRET_SHAPE.test(sid)) {
    const p = await lookupSession(db, sid);
    if (p) return p;
  }
  return { kind: 'anonymous' };
}

/** Sends only the listed top-level fields of JSON bodies (anonymous view of a public endpoint). */
function limitJsonFields(res: Response, fields: readonly string[]): void {
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    if (res.statusCode < 400 && body && typeof body === 'object' && !Array.isArray(body)) {
      const kept = Object.fromEntries(Object.entries(body).filter(([k]) => fields.includes(k)));
      return json(kept);
    }
    return json(body);
  };
}

function runAll(handlers: RequestHandler[], req: Request, res: Response, next: NextFunction): void {
  const [first, ...rest] = handlers;
  if (!first) return next();
  first(req, res, (err?: unknown) => (err ? next(err) : runAll(rest, req, res, next)));
}

export function decide(rule: CompiledRule | undefined, principal: Principal, method: string, path: string): ApiError | undefined {
  if (!rule) {
    return new ApiError(403, 'forbidden', `${method} ${path} is not open to anyone: it is not listed in the access policy`);
  }
  const subject = subjectOf(principal);
  if (allows(rule, subject)) return undefined;
  if (subject === 'anonymous') return unauthorised('authentication_required', 'sign in or send an API token to use this endpoint');
  return new ApiError(403, 'forbidden', `the ${subject} role may not ${method} ${rule.path}`);
}

/** After a successful change, one audit entry naming who, which rule, which path and the status. */
function auditOnFinish(db: Database, logger: Logger, req: Request, res: Response, principal: Principal, rule: CompiledRule): void {
  if (rule.audit === false) return;
  const path = req.path;
  res.on('finish', () => {
    if (res.statusCode >= 400) return;
    audit(db, {
      actor: actorName(principal), action: rule.audit || 'api.change', target: path, ip: req.ip ?? null,
      details: { method: req.method, route: rule.path, status: res.statusCode },
    }).catch((err: unknown) => logger.error({ err, path }, 'could not write the audit entry'));
  });
}

export function accessControl(ctx: { db: Database; logger: Logger }, options: AccessOptions = {}): RequestHandler {
  const { db, logger } = ctx;
  const limiters = createLimiters(db, { ...DEFAULT_RATE_LIMITS, ...options.rateLimits });
  return (req, res, next) => {
    if (!isGuardedPath(req.path)) return next();
    (async () => {
      const hostile = hostileInput(req.originalUrl, req.body);
      if (hostile) throw hostile;
      // Answers that can carry secrets (sessions, new tokens, generated passwords) are never cached.
      if (/^\/api\/(auth|tokens|users)(\/|$)/i.test(req.path)) res.set('Cache-Control', 'no-store');
      const principal = await authenticate(db, req);
      setPrincipal(req, principal);
      const rule = findRule(req.method, req.path);
      const denied = decide(rule, principal, req.method, req.path);
      if (denied) throw denied;
      // Bearer tokens are not sent by browsers on their own, so they need no CSRF check.
      if (UNSAFE_METHODS.has(req.method) && principal.kind !== 'token') {
        const verdict = originVerdict(req);
        // Any browser request from another site is refused; a cookie caller must also prove its origin.
        if (verdict === 'cross' || (principal.kind === 'session' && verdict === 'absent')) {
          throw new ApiError(403, 'csrf', 'cross-site request refused: the Origin header must name this server');
        }
      }
      if (rule!.siteParam && principal.kind !== 'anonymous' && principal.role === 'site') {
        const at = rule!.path.split('/').indexOf(rule!.siteParam);
        const siteId = decodeURIComponent(req.path.split('/')[at] ?? '');
        // 404, not 403: site staff learn nothing about other schools' sites, not even that they exist.
        if (!principal.siteIds.includes(siteId)) throw ApiError.notFound(`site '${siteId}'`);
      }
      if (UNSAFE_METHODS.has(req.method)) auditOnFinish(db, logger, req, res, principal, rule!);
      if (principal.kind === 'anonymous' && rule!.anonymousFields) limitJsonFields(res, rule!.anonymousFields);
      if (rule!.limit) return runAll(limiters[rule!.limit], req, res, next);
      next();
    })().catch(next);
  };
}
