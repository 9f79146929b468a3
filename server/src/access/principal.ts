// The caller attached to a request by the access middleware, and the scope helpers feature routes
// call to narrow their data: partners to their regions, site staff to their sites.
import type { Request } from 'express';
import type { AuthenticatedPrincipal, Principal } from './roles.ts';

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

/**
 * What the caller may see. `regions` (admin1 ids) is set for partners, `siteIds` for site staff;
 * an absent key means "no restriction of that kind". An empty array means "nothing".
 * Feature routes apply it in SQL, e.g. `(:regions::text[] IS NULL OR admin1_id = ANY(:regions))`.
 */
export type Scope = { regions?: string[]; siteIds?: string[] };

export function scopeFor(req: Request): Scope {
  const p = principalOf(req);
  if (p.kind === 'anonymous') return { regions: [], siteIds: [] };
  switch (p.role) {
    case 'admin':
    case 'planner':
      return {};
    case 'partner':
      return { regions: [...p.regions] };
    case 'site':
      return { siteIds: [...p.siteIds] };
    case 'metrics':
      return { regions: [], siteIds: [] };
  }
}

/** True when a row in admin1 region `admin1Id` (and/or site `siteId`) is within the caller's scope. */
export function inScope(scope: Scope, row: { admin1Id?: string | null; siteId?: string | number | null }): boolean {
  if (scope.regions && !(row.admin1Id != null && scope.regions.includes(row.admin1Id))) return false;
  if (scope.siteIds && !(row.siteId != null && scope.siteIds.includes(String(row.siteId)))) return false;
  return true;
}
