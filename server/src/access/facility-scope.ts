// The one definition of "this facility is within the caller's scope", for every query that returns
// facility rows (tiles, OGC, layers): the SQL condition and its bind parameters.
import { readFileSync } from 'node:fs';
import type { Scope } from './scope.ts';

/** SQL condition on a facility aliased `t`; uses :regions and :site_ids. */
export const FACILITY_SCOPE_SQL = readFileSync(new URL('./facility-scope.sql', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => !l.startsWith('--'))
  .join('\n')
  .trim();

/** Bind parameters of FACILITY_SCOPE_SQL for a caller's scope. */
export function scopeParams(scope: Scope): { regions: string[] | null; site_ids: string[] | null } {
  return { regions: scope.regions ?? null, site_ids: scope.siteIds ?? null };
}

/** A stable text for cache keys: equal scopes give equal keys. */
export function scopeKey(scope: Scope): string {
  const part = (xs: string[] | undefined) => (xs ? [...xs].sort().join(',') : '*');
  return `r=${part(scope.regions)};s=${part(scope.siteIds)}`;
}
