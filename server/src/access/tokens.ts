// API tokens for scripts, exports and Prometheus: random, shown once, stored as SHA-256, scoped to
// a role (never above the owner's) and optional regions/sites, with an expiry, revocable.
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import type { AuthenticatedPrincipal, Role, TokenRole } from './roles.ts';
import { newApiToken, sha256Hex, tokenPrefix } from './secrets.ts';
import { AppError } from '../app-error.ts';

export const MAX_TOKEN_DAYS = 366;
export const DEFAULT_TOKEN_DAYS = 90;

export type ApiTokenInfo = {
  id: number; prefix: string; name: string; userId: number; email?: string; role: TokenRole;
  regions: string[]; siteIds: string[]; createdAt: Date; expiresAt: Date; revokedAt: Date | null; lastUsedAt: Date | null;
};

type Row = {
  id: number; prefix: string; name: string; user_id: number; email?: string; role: TokenRole; regions: string[];
  site_ids: string[]; created_at: Date; expires_at: Date; revoked_at: Date | null; last_used_at: Date | null;
};

const q = {
  insert: loadSql(import.meta.url, './sql/token-insert.sql'),
  lookup: loadSql(import.meta.url, './sql/token-lookup.sql'),
  list: loadSql(import.meta.url, './sql/tokens-list.sql'),
  revoke: loadSql(import.meta.url, './sql/token-revoke.sql'),
  revokeUser: loadSql(import.meta.url, './sql/tokens-revoke-user.sql'),
};

function toInfo(r: Row): ApiTokenInfo {
  return {
    id: Number(r.id), prefix: r.prefix, name: r.name, userId: Number(r.user_id), ...(r.email ? { email: r.email } : {}),
    role: r.role, regions: r.regions, siteIds: r.site_ids, createdAt: r.created_at, expiresAt: r.expires_at,
    revokedAt: r.revoked_at, lastUsedAt: r.last_used_at,
  };
}

export type TokenOwner = { id: number; role: Role; regions: string[]; siteIds: string[] };
export type TokenRequest = { name: string; role: TokenRole; regions?: string[] | undefined; siteIds?: string[] | undefined; days: number };

export class TokenScopeError extends AppError {
  constructor(readonly field: string, message: string) {
    super(400, 'invalid_input', message, [{ field, message }]);
  }
}

/**
 * Which token an owner may mint: the owner's own role, narrower scope only; administrators may
 * also mint any role (e.g. 'metrics' for Prometheus, 'partner' for a partner's integration).
 */
export function checkTokenScope(owner: TokenOwner, t: TokenRequest): { regions: string[]; siteIds: string[] } {
  if (owner.role !== 'admin' && t.role !== owner.role) {
    throw new TokenScopeError('role', `a ${owner.role} can only create ${owner.role} tokens`);
  }
  const regions = t.role === 'partner' ? (t.regions ?? (owner.role === 'partner' ? owner.regions : [])) : [];
  const siteIds = t.role === 'site' ? (t.siteIds ?? (owner.role === 'site' ? owner.siteIds : [])) : [];
  if (t.role === 'partner' && regions.length === 0) throw new TokenScopeError('regions', 'a partner token needs at least one region');
  if (t.role === 'site' && siteIds.length === 0) throw new TokenScopeError('siteIds', 'a site token needs at least one site');
  if (owner.role === 'partner') {
    const outside = regions.filter((r) => !owner.regions.includes(r));
    if (outside.length) throw new TokenScopeError('regions', `regions outside your own: ${outside.join(', ')}`);
  }
  if (owner.role === 'site') {
    const outside = siteIds.filter((s) => !owner.siteIds.includes(s));
    if (outside.length) throw new TokenScopeError('siteIds', `sites outside your own: ${outside.join(', ')}`);
  }
  return { regions, siteIds };
}

/** Returns the token in clear exactly once, with its stored description. */
export async function createApiToken(db: Queryable, owner: TokenOwner, t: TokenRequest): Promise<{ token: string; info: ApiTokenInfo }> {
  const scope = checkTokenScope(owner, t);
  const token = newApiToken();
  const [row] = await runSql<Row>(db, q.insert, {
    token_hash: sha256Hex(token), prefix: tokenPrefix(token), name: t.name, user_id: owner.id, role: t.role,
    regions: scope.regions, site_ids: scope.siteIds, ttl_days: Math.min(t.days, MAX_TOKEN_DAYS),
  });
  return { token, info: toInfo(row!) };
}

export async function lookupApiToken(db: Queryable, token: string): Promise<AuthenticatedPrincipal | undefined> {
  const [row] = await runSql<{ id: number; role: TokenRole; regions: string[]; site_ids: string[]; user_id: number; email: string }>(
    db, q.lookup, { token_hash: sha256Hex(token) },
  );
  if (!row) return undefined;
  return {
    kind: 'token', tokenId: Number(row.id), userId: Number(row.user_id), email: row.email, role: row.role,
    regions: row.regions, siteIds: row.site_ids,
  };
}

/** userId undefined lists every token (administrators). */
export async function listApiTokens(db: Queryable, userId: number | undefined): Promise<ApiTokenInfo[]> {
  return (await runSql<Row>(db, q.list, { user_id: userId ?? null })).map(toInfo);
}

/** userId undefined may revoke anyone's token (administrators). Returns undefined when not found. */
export async function revokeApiToken(db: Queryable, id: number, userId: number | undefined) {
  const [row] = await runSql<{ id: number; name: string; user_id: number; role: TokenRole }>(db, q.revoke, { id, user_id: userId ?? null });
  return row;
}

export async function revokeUserTokens(db: Queryable, userId: number): Promise<void> {
  await runSql(db, q.revokeUser, { user_id: userId });
}
