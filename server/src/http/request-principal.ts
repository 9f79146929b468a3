// The caller attached to a request by the access gate (access-gate.ts), and the helpers feature
// routes call: who is asking, what they may see (access/scope.ts), and an audit entry in their name.
import type { Request } from 'express';
import { audit, type AuditEntry } from '../access/audit.ts';
import { actorName, type AuthenticatedPrincipal, type Principal } from '../access/roles.ts';
import { scopeOf, type Scope } from '../access/scope.ts';
import type { Queryable } from '../db/database.ts';

const ANONYMOUS: Principal = { kind: 'anonymous' };
const KEY = Symbol.for('baylanys.principal');

type WithPrincipal = Request & { [KEY]?: Principal };

export function setPrincipal(req: Request, p: Principal): void {
  (req as WithPrincipal)[KEY] = p;
}

export function principalOf(req: Request): Principal {
  return (req as WithPrincipal)[KEY] ?? ANONYMOUS;
}

/** The signed-in caller; throws when there is none (the policy should have refused already). */
export function requirePrincipal(req: Request): AuthenticatedPrincipal {
  const p = principalOf(req);
  if (p.kind === 'anonymous') throw new Error('requirePrincipal: no signed-in caller; is the route in the policy?');
  return p;
}

/** What the caller of req may see. */
export function scopeFor(req: Request): Scope {
  return scopeOf(principalOf(req));
}

/** The actor for an audit entry made while serving req. */
export function actorOf(req: Request): string {
  return actorName(principalOf(req));
}

/** audit() with actor and ip taken from the request. */
export function auditRequest(db: Queryable, req: Request, e: Omit<AuditEntry, 'actor' | 'ip'>): Promise<void> {
  return audit(db, { ...e, actor: actorOf(req), ip: req.ip ?? null });
}
