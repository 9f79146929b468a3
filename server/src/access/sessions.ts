// Server-side sessions: the cookie holds a random id, the table holds only its SHA-256 hash, an
// absolute expiry and a revocation time. Logout, a password change or a disabled account revoke.
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import type { AuthenticatedPrincipal, Role } from './roles.ts';
import { newSessionId, sha256Hex } from './secrets.ts';

/** A working day and a half: long enough for a field visit, short enough to limit a stolen cookie. */
export const SESSION_TTL_SECONDS = 12 * 3600;
export const SESSION_COOKIE = 'bly_session';

const q = {
  insert: loadSql(import.meta.url, './sql/session-insert.sql'),
  lookup: loadSql(import.meta.url, './sql/session-lookup.sql'),
  revoke: loadSql(import.meta.url, './sql/session-revoke.sql'),
  revokeUser: loadSql(import.meta.url, './sql/sessions-revoke-user.sql'),
  purge: loadSql(import.meta.url, './sql/sessions-purge.sql'),
};

export async function createSession(db: Queryable, userId: number, ttlSeconds = SESSION_TTL_SECONDS) {
  // Housekeeping rides on sign-in, so the table stays small without a scheduler.
  await runSql(db, q.purge);
  const id = newSessionId();
  const [row] = await runSql<{ expires_at: Date }>(db, q.insert, {
    id_hash: sha256Hex(id), user_id: userId, ttl_seconds: ttlSeconds,
  });
  return { id, expiresAt: row!.expires_at };
}

export async function lookupSession(db: Queryable, id: string): Promise<AuthenticatedPrincipal | undefined> {
  const [row] = await runSql<{ user_id: number; email: string; role: Role; regions: string[]; site_ids: string[] }>(
    db, q.lookup, { id_hash: sha256Hex(id) },
  );
  if (!row) return undefined;
  return {
    kind: 'session', userId: Number(row.user_id), email: row.email, role: row.role,
    regions: row.role === 'partner' ? row.regions : [], siteIds: row.role === 'site' ? row.site_ids : [],
  };
}

export async function revokeSession(db: Queryable, id: string): Promise<void> {
  await runSql(db, q.revoke, { id_hash: sha256Hex(id) });
}

/** Revokes every session of a user, except (optionally) the one making the change. */
export async function revokeUserSessions(db: Queryable, userId: number, exceptId?: string): Promise<void> {
  await runSql(db, q.revokeUser, { user_id: userId, except_hash: exceptId ? sha256Hex(exceptId) : null });
}
