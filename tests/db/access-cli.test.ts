// npm run admin, run in-process against the backend under test: passwords from a file or generated
// and printed once, duplicates refused, reset-password ends sessions. No default password exists.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../server/src/access/passwords.ts';
import { createSession, lookupSession } from '../../server/src/access/sessions.ts';
import { findLogin } from '../../server/src/access/users.ts';
import { adminProgram } from '../../server/src/cli/admin.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

let db: TestDatabase;
const dir = mkdtempSync(path.join(tmpdir(), 'baylanys-admin-'));
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

async function run(...args: string[]): Promise<string[]> {
  const printed: string[] = [];
  await adminProgram({ withDatabase: (fn) => fn(db), print: (l) => printed.push(l) }).parseAsync(args, { from: 'user' });
  return printed;
}

describe('npm run admin', () => {
  it('create --password-file: uses the file, prints no password', async () => {
    const file = path.join(dir, 'pw');
    writeFileSync(file, 'a password from a file\n');
    const out = await run('create', '--email', 'Anna@Fund.kz', '--password-file', file);
    expect(out).toEqual(['created admin: anna@fund.kz']);
    const login = await findLogin(db, 'anna@fund.kz');
    expect(await verifyPassword('a password from a file', login!.password_hash)).toBe(true);
  });

  it('create without a password: generates one and prints it once', async () => {
    const out = await run('create', '--email', 'bolat@telecom.kz', '--role', 'partner', '--regions', 'KZ15, KZ19');
    expect(out[0]).toBe('created partner: bolat@telecom.kz');
    const password = /^password \(shown once\): (\S{20})$/.exec(out[1]!)![1]!;
    const login = await findLogin(db, 'bolat@telecom.kz');
    expect(await verifyPassword(password, login!.password_hash)).toBe(true);
    const [row] = await db.query<{ regions: string[] }>('SELECT regions FROM app_user WHERE id = $1', [login!.id]);
    expect(row!.regions).toEqual(['KZ15', 'KZ19']);
  });

  it('refuses a duplicate login, a short password file and a bad role', async () => {
    await expect(run('create', '--email', 'anna@fund.kz')).rejects.toThrow(/already exists/);
    const short = path.join(dir, 'short');
    writeFileSync(short, 'short');
    await expect(run('create', '--email', 'c@fund.kz', '--password-file', short)).rejects.toThrow(/at least 12/);
    await expect(run('create', '--email', 'd@fund.kz', '--role', 'root')).rejects.toThrow(/role must be one of/);
    await expect(run('create', '--email', 'e@fund.kz', '--password-file', path.join(dir, 'missing'))).rejects.toThrow(/cannot read/);
  });

  it('reset-password sets a new password and ends the sessions', async () => {
    const login = await findLogin(db, 'anna@fund.kz');
    const session = await createSession(db, login!.id);
    const out = await run('reset-password', '--email', 'anna@fund.kz');
    const password = /password \(shown once\): (\S+)/.exec(out[1]!)![1]!;
    expect(await verifyPassword(password, (await findLogin(db, 'anna@fund.kz'))!.password_hash)).toBe(true);
    expect(await lookupSession(db, session.id)).toBeUndefined();
    const audit = await db.query<{ action: string; details: unknown }>(`SELECT action, details FROM audit_log WHERE actor = 'cli' ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(['user.create', 'user.create', 'user.update']);
    expect(JSON.stringify(audit)).not.toContain(password);
  });
});
