// Failed sign-ins slow down the client that fails, not the account: failures are counted per
// (login, client), where the client is a browser that signed in to that login before (a "known
// device" cookie) or else the address. After `free` failures each attempt must wait twice as long
// as the previous one (1 s, 2 s, 4 s … at most 15 min), answered 429 `login_throttled` with
// Retry-After and without checking the password. So a stranger who guesses at `admin` from
// anywhere never keeps the administrator's own browser out, and one office behind a NAT is not
// blocked by a colleague's typos for longer than a few seconds. Counters live in the database
// (both backends, several server processes) and `npm run admin -- unlock` clears them.
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { sha256Hex } from './secrets.ts';
import { findLogin, normaliseEmail } from './users.ts';

export const MAX_WAIT_MS = 15 * 60_000;

export type ThrottleOptions = {
  /** Failures of one login from one client before attempts are delayed. */
  perAccount: number;
  /** Failures over all logins from one address (not a known device) before attempts are delayed. */
  perIp: number;
  /** A counter idle this long starts again from zero. */
  resetMs: number;
};

const q = {
  get: loadSql(import.meta.url, './sql/login-failures-get.sql'),
  add: loadSql(import.meta.url, './sql/login-failure-add.sql'),
  clear: loadSql(import.meta.url, './sql/login-failures-clear.sql'),
  deviceGet: loadSql(import.meta.url, './sql/known-device-get.sql'),
  deviceInsert: loadSql(import.meta.url, './sql/known-device-insert.sql'),
};

/**
 * How long (ms) a client with `failures` counted failures, the last at `lastAt`, must still wait
 * before its next attempt is checked. Pure: `now` is a parameter.
 */
export function waitMs(failures: number, lastAt: number, now: number, free: number, resetMs: number): number {
  if (failures < free || now - lastAt >= resetMs) return 0;
  const wait = Math.min(1000 * 2 ** (failures - free), MAX_WAIT_MS);
  return Math.max(0, lastAt + wait - now);
}

/** True when the browser holding `deviceId` signed in to `login` before. */
export async function isKnownDevice(db: Queryable, login: string, deviceId: string): Promise<boolean> {
  const user = await findLogin(db, login);
  return !!user && (await runSql(db, q.deviceGet, { id_hash: sha256Hex(deviceId), user_id: user.id })).length > 0;
}

/** The browser holding `deviceId` becomes a known device of `userId`. */
export async function addKnownDevice(db: Queryable, deviceId: string, userId: number): Promise<void> {
  await runSql(db, q.deviceInsert, { id_hash: sha256Hex(deviceId), user_id: userId });
}

/** Counted failures of `account` ('*': every login) from `client`, and when the last one was. */
export async function failuresOf(db: Queryable, account: string, client: string): Promise<{ failures: number; lastAt: number } | null> {
  const [row] = await runSql<{ failures: number; last_at: Date }>(db, q.get, { client, accounts: [account] });
  return row ? { failures: row.failures, lastAt: new Date(row.last_at).getTime() } : null;
}

export async function addFailure(db: Queryable, account: string, client: string, resetMs: number): Promise<void> {
  await runSql(db, q.add, { account, client, reset_s: resetMs / 1000 });
}

/** `client` null: every client of the login. */
export async function clearFailures(db: Queryable, account: string, client: string | null): Promise<void> {
  await runSql(db, q.clear, { account, client });
}

/** An administrator lifts the delays of a login (all clients). */
export async function unlockLogin(db: Queryable, login: string): Promise<void> {
  await clearFailures(db, normaliseEmail(login), null);
}
