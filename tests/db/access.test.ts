// Access storage on the backend under test: append-only audit log, first administrator, users.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, listAudit } from '../../server/src/access/audit.ts';
import { ensureFirstAdmin } from '../../server/src/access/bootstrap.ts';
import { verifyPassword } from '../../server/src/access/passwords.ts';
import { sha256Hex } from '../../server/src/access/secrets.ts';
import { createSession } from '../../server/src/access/sessions.ts';
import { createUser, findLogin, listUsers, UserExistsError } from '../../server/src/access/users.ts';
import { captureLogs } from '../support/auth.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

describe('first administrator', () => {
  it('on an empty embedded database: creates admin and prints its password once, not to the log', async () => {
    const logs = captureLogs();
    const printed: string[] = [];
    const first = await ensureFirstAdmin(db, logs.logger, (l) => printed.push(l));
    if (db.backend !== 'embedded') {
      // A server database is provisioned by an operator (npm run admin -- create).
      expect(first).toEqual({ created: false });
      expect(printed).toEqual([]);
      return;
    }
    expect(first).toEqual({ created: true, email: 'admin' });
    expect(printed).toHaveLength(1);
    const password = /password: (\S+)/.exec(printed[0]!)![1]!;
    expect(password).toHaveLength(20);
    const login = await findLogin(db, 'admin');
    expect(login?.role).toBe('admin');
    expect(await verifyPassword(password, login!.password_hash)).toBe(true);
    expect(logs.text()).toContain('first administrator created');
    expect(logs.text()).not.toContain(password);
    // Once only: a second start finds a user and prints nothing.
    expect(await ensureFirstAdmin(db, logs.logger, (l) => printed.push(l))).toEqual({ created: false });
    expect(printed).toHaveLength(1);
  });
});

describe('users', () => {
  it('logins are unique regardless of case', async () => {
    await createUser(db, { email: 'Aigerim@Fund.kz', role: 'planner', password: 'a long password 1' });
    await expect(createUser(db, { email: 'aigerim@fund.KZ', role: 'admin', password: 'a long password 2' })).rejects.toBeInstanceOf(UserExistsError);
  });

  it('scope follows the role: regions only for partners, sites only for site staff', async () => {
    const p = await createUser(db, { email: 'p@telecom.kz', role: 'partner', password: 'a long password 1', regions: ['KZ15'], siteIds: ['9'] });
    const s = await createUser(db, { email: 's@school.kz', role: 'site', password: 'a long password 1', regions: ['KZ15'], siteIds: ['9'] });
    expect([p.regions, p.siteIds]).toEqual([['KZ15'], []]);
    expect([s.regions, s.siteIds]).toEqual([[], ['9']]);
  });

  it('a search text with LIKE wildcards matches literally', async () => {
    await createUser(db, { email: 'under_score@x.kz', role: 'planner', password: 'a long password 1' });
    expect((await listUsers(db, { q: '_', limit: 50, offset: 0 })).items.map((u) => u.email)).toEqual(['under_score@x.kz']);
    expect((await listUsers(db, { q: '%', limit: 50, offset: 0 })).total).toBe(0);
  });
});

describe('audit log', () => {
  it('is append-only: UPDATE, DELETE and TRUNCATE are rejected by the database', async () => {
    await audit(db, { actor: 'tester', action: 'test.append', target: 'thing:1', details: { n: 1 } });
    await expect(db.query(`UPDATE audit_log SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    const rows = await db.query<{ actor: string }>(`SELECT actor FROM audit_log WHERE action = 'test.append'`);
    expect(rows).toEqual([{ actor: 'tester' }]);
  });

  it('never stores secrets passed in details', async () => {
    await audit(db, { actor: 'tester', action: 'site.credentials.update', target: 'site:7', details: { community: 'public-secret', version: '2c' } });
    const [row] = await db.query<{ details: Record<string, unknown> }>(`SELECT details FROM audit_log WHERE target = 'site:7'`);
    expect(row!.details).toEqual({ community: '[redacted]', version: '2c' });
  });

  it('filters by actor (with their token calls), action prefix, target and time; pages newest first', async () => {
    await audit(db, { actor: 'anna@fund.kz', action: 'scenario.run', target: 'scenario:1' });
    await audit(db, { actor: 'anna@fund.kz via token 4', action: 'scenario.create', target: 'scenario:2' });
    await audit(db, { actor: 'anna@fund.kz.evil', action: 'scenario.run', target: 'scenario:3' });
    await audit(db, { actor: 'bolat@fund.kz', action: 'scenarios.run', target: 'scenario:4' });
    const anna = await listAudit(db, { actor: 'anna@fund.kz', limit: 10, offset: 0 });
    expect(anna.items.map((e) => e.target)).toEqual(['scenario:2', 'scenario:1']);
    const scenario = await listAudit(db, { action: 'scenario', limit: 10, offset: 0 });
    expect(scenario.items.map((e) => e.target)).toEqual(['scenario:3', 'scenario:2', 'scenario:1']); // not 'scenarios.run'
    const page = await listAudit(db, { action: 'scenario', limit: 1, offset: 1 });
    expect([page.total, page.items[0]!.target]).toEqual([3, 'scenario:2']);
    const future = await listAudit(db, { since: new Date(Date.now() + 3_600_000), limit: 10, offset: 0 });
    expect(future).toEqual({ total: 0, items: [] });
    const pct = await listAudit(db, { actor: '%', limit: 10, offset: 0 });
    expect(pct.total).toBe(0);
  });
});

describe('sessions', () => {
  it('a sign-in drops sessions dead for over 30 days, keeps recent ones', async () => {
    const u = await createUser(db, { email: 'sessions@x.kz', role: 'planner', password: 'a long password 1' });
    const old = await createSession(db, u.id);
    const recent = await createSession(db, u.id);
    await db.query(`UPDATE user_session SET expires_at = now() - interval '31 days' WHERE id_hash = $1`, [sha256Hex(old.id)]);
    await db.query(`UPDATE user_session SET expires_at = now() - interval '1 day' WHERE id_hash = $1`, [sha256Hex(recent.id)]);
    await createSession(db, u.id);
    const left = await db.query<{ id_hash: string }>('SELECT id_hash FROM user_session WHERE user_id = $1', [u.id]);
    expect(left.map((r) => r.id_hash)).not.toContain(sha256Hex(old.id));
    expect(left.map((r) => r.id_hash)).toContain(sha256Hex(recent.id));
    expect(left).toHaveLength(2);
  });
});
