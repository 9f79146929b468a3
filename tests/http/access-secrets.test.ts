// A full access scenario with every log line captured: first admin, a user created with a
// generated password, sign-in, an API token, its use, a failed sign-in, a password change, logout.
// Then the logs and the audit log are searched for every secret that passed by: zero hits.
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../../server/src/access/bootstrap.ts';
import { SESSION_COOKIE } from '../../server/src/access/sessions.ts';
import { createUser } from '../../server/src/access/users.ts';
import { captureLogs, listen, testApp, type Running } from '../support/auth.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

let db: TestDatabase;
let running: Running;
const logs = captureLogs();

beforeAll(async () => {
  db = await openTestDatabase();
  running = await listen(testApp(db, { logger: logs.logger }));
});
afterAll(async () => {
  await running?.close();
  await db?.close();
});

describe('secrets never reach a log', () => {
  it('through a whole sign-in, token and password scenario', async () => {
    const secrets: string[] = [];
    const printed: string[] = [];
    await ensureFirstAdmin(db, logs.logger, (l) => printed.push(l));
    if (printed[0]) secrets.push(/password: (\S+)/.exec(printed[0])![1]!);

    const adminPassword = 'admin password for the scenario';
    await createUser(db, { email: 'root@fund.kz', role: 'admin', password: adminPassword });
    secrets.push(adminPassword);
    const admin = supertest.agent(running.server).set('Origin', running.url);
    const login = await admin.post('/api/auth/login').send({ email: 'root@fund.kz', password: adminPassword }).expect(200);
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith(SESSION_COOKIE))!;
    secrets.push(decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!));

    const created = await admin.post('/api/users').send({ email: 'aliya@fund.kz', role: 'planner' }).expect(201);
    secrets.push(created.body.password);

    const planner = supertest.agent(running.server).set('Origin', running.url);
    await planner.post('/api/auth/login').send({ email: 'aliya@fund.kz', password: created.body.password }).expect(200);
    const token = (await planner.post('/api/tokens').send({ name: 'export' }).expect(201)).body.token as string;
    secrets.push(token);
    await supertest(running.server).get('/api/layers').set('Authorization', `Bearer ${token}`).expect(200);
    await supertest(running.server).get('/api/layers').set('Authorization', `Bearer ${token}x`).expect(401);

    const typo = 'Aliya-typed-her-password-as-login';
    await supertest(running.server).post('/api/auth/login').send({ email: typo, password: 'Wr0ng-Guess-One' }).expect(401);
    await supertest(running.server).post('/api/auth/login').send({ email: 'aliya@fund.kz', password: 'Wr0ng-Guess-Two' }).expect(401);
    secrets.push(typo, 'Wr0ng-Guess-One', 'Wr0ng-Guess-Two');

    const newPassword = 'a new password for aliya';
    await planner.post('/api/auth/password').send({ currentPassword: created.body.password, newPassword }).expect(204);
    secrets.push(newPassword);
    await planner.post('/api/auth/logout').expect(204);

    const text = logs.text();
    expect(text).toContain('signed in'); // the logs were captured, so an absence below means something
    expect(text).toContain('sign-in failed');
    for (const s of secrets) expect(text, `a secret reached the log`).not.toContain(s);
    expect(text).not.toMatch(/bly_[\w-]{20,}/);
    expect(text).not.toMatch(/scrypt\$/);

    const audit = JSON.stringify(await db.query('SELECT * FROM audit_log'));
    expect(audit).toContain('user.login_failed');
    for (const s of secrets) expect(audit, 'a secret reached the audit log').not.toContain(s);
  });
});
