// People who sign in: create, find, list, update. Password hashes never leave this module except
// to the login check; the User shape returned everywhere else has none.
import type { Database, Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { hashPassword } from './passwords.ts';
import type { Role } from './roles.ts';
import { AppError } from '../app-error.ts';

export type User = {
  id: number;
  email: string;
  displayName: string | null;
  role: Role;
  regions: string[];
  siteIds: string[];
  disabledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  lastLoginAt: Date | null;
};

type UserRow = {
  id: number; email: string; display_name: string | null; role: Role; regions: string[]; site_ids: string[];
  disabled_at: Date | null; created_at: Date; updated_at: Date; last_login_at: Date | null;
};

const q = {
  insert: loadSql(import.meta.url, './sql/user-insert.sql'),
  byEmail: loadSql(import.meta.url, './sql/user-by-email.sql'),
  get: loadSql(import.meta.url, './sql/user-get.sql'),
  list: loadSql(import.meta.url, './sql/users-list.sql'),
  update: loadSql(import.meta.url, './sql/user-update.sql'),
  loggedIn: loadSql(import.meta.url, './sql/user-logged-in.sql'),
  count: loadSql(import.meta.url, './sql/users-count.sql'),
};

function toUser(r: UserRow): User {
  return {
    id: Number(r.id), email: r.email, displayName: r.display_name, role: r.role,
    regions: r.regions ?? [], siteIds: r.site_ids ?? [],
    disabledAt: r.disabled_at, createdAt: r.created_at, updatedAt: r.updated_at, lastLoginAt: r.last_login_at,
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export class UserExistsError extends AppError {
  constructor(readonly email: string) {
    super(409, 'conflict', `a user with login '${email}' already exists`, [{ field: 'email', message: 'already taken' }]);
  }
}

export type NewUser = {
  email: string; role: Role; password: string; displayName?: string | null;
  regions?: string[]; siteIds?: string[];
};

export async function createUser(db: Queryable, u: NewUser): Promise<User> {
  const email = normaliseEmail(u.email);
  try {
    const [row] = await runSql<UserRow>(db, q.insert, {
      email, display_name: u.displayName ?? null, role: u.role,
      regions: u.role === 'partner' ? (u.regions ?? []) : [],
      site_ids: u.role === 'site' ? (u.siteIds ?? []) : [],
      password_hash: await hashPassword(u.password),
    });
    return toUser(row!);
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new UserExistsError(email);
    throw err;
  }
}

/** Login lookup: includes the hash. */
export async function findLogin(db: Queryable, email: string) {
  const [row] = await runSql<{ id: number; email: string; role: Role; password_hash: string; disabled_at: Date | null }>(
    db, q.byEmail, { email: normaliseEmail(email) },
  );
  return row ? { ...row, id: Number(row.id) } : undefined;
}

export async function getUser(db: Queryable, id: number): Promise<User | undefined> {
  const [row] = await runSql<UserRow>(db, q.get, { id });
  return row ? toUser(row) : undefined;
}

export async function listUsers(db: Queryable, f: { role?: Role | undefined; q?: string | undefined; limit: number; offset: number }) {
  const like = f.q ? f.q.replace(/[\\%_]/g, '\\$&') : null;
  const rows = await runSql<UserRow & { total: number }>(db, q.list, {
    role: f.role ?? null, q: like, limit: f.limit, offset: f.offset,
  });
  return { total: rows[0]?.total ?? 0, items: rows.map(toUser) };
}

export type UserChange = {
  displayName?: string | null | undefined; role?: Role | undefined; regions?: string[] | undefined;
  siteIds?: string[] | undefined; password?: string | undefined; disabled?: boolean | undefined;
};

export async function updateUser(db: Queryable, id: number, c: UserChange): Promise<User | undefined> {
  const [row] = await runSql<UserRow>(db, q.update, {
    id,
    display_name: c.displayName ?? null,
    role: c.role ?? null,
    regions: c.regions ?? null,
    site_ids: c.siteIds ?? null,
    password_hash: c.password ? await hashPassword(c.password) : null,
    disabled: c.disabled ?? null,
  });
  return row ? toUser(row) : undefined;
}

export async function markLoggedIn(db: Queryable, id: number): Promise<void> {
  await runSql(db, q.loggedIn, { id });
}

export async function countUsers(db: Database | Queryable): Promise<number> {
  const [row] = await runSql<{ n: number }>(db, q.count);
  return row?.n ?? 0;
}
