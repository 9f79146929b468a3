// What a caller may see: partners their regions, site staff their sites. Feature routes narrow their
// data with it (the request's caller is read by http/request-principal.ts).
import type { Principal } from './roles.ts';

/**
 * What the caller may see. `regions` (admin1 ids) is set for partners, `siteIds` for site staff;
 * an absent key means "no restriction of that kind". An empty array means "nothing".
 * Feature routes apply it in SQL, e.g. `(:regions::text[] IS NULL OR admin1_id = ANY(:regions))`.
 */
export type Scope = { regions?: string[]; siteIds?: string[] };

export function scopeOf(p: Principal): Scope {
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
