// Sign-in, sessions, CSRF, API tokens and the users API, over real HTTP on the backend under test.
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/src/access/sessions.ts';
import { agentFor, createUser, listen, testApp, type Running } from '../support/auth.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

let db: TestDatabase;
let running: Running;
const req = () => supertest(running.server);

beforeAll(async () => {
  db = await openTestDatabase();
  running = await listen(testApp(db, { access: { rateLimits: { loginPerAccount: 3 } } }));
});
afterAll(async () => {
  await running?.close();
  await db?.close();
});

function cookieOf(res: supertest.Response): string {
  const raw = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const c = raw.find((x) => x.startsWith(`${SESSION_COOKIE}=`));
  if (!c) throw new Error('no session cookie');
  return c;
}

describe('login', () => {
  it('sets an http-only SameSite=Lax session cookie and /me names the user', async () => {
    const { email, password, user } = await createUser(db, 'planner');
    const res = await req().post('/api/auth/login').send({ email: email.toUpperCase(), password }).expect(200);
    const cookie = cookieOf(res);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain HTTP here; see the next test for HTTPS
    expect(res.body.user).toMatchObject({ id: user.id, email, role: 'planner' });
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|password_hash|passwordHash/);
    const me = await req().get('/api/auth/me').set('Cookie', cookie.split(';')[0]!).expect(200);
    expect(me.body).toMatchObject({ via: 'session', role: 'planner', user: { email } });
  });

  it('marks the cookie Secure behind a trusted HTTPS proxy', async () => {
    const { email, password } = await createUser(db, 'planner');
    const res = await req().post('/api/auth/login').set('X-Forwarded-Proto', 'https').send({ email, password }).expect(200);
    expect(cookieOf(res)).toMatch(/Secure/);
  });

  it('answers a wrong password and an unknown login alike (401 invalid_credentials)', async () => {
    const { email } = await createUser(db, 'planner');
    const wrong = await req().post('/api/auth/login').send({ email, password: 'not the password' }).expect(401);
    const unknown = await req().post('/api/auth/login').send({ email: 'nobody@x.kz', password: 'whatever-123' }).expect(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });

  it('refuses a disabled account', async () => {
    const { email, password, user } = await createUser(db, 'planner');
    await db.query('UPDATE app_user SET disabled_at = now() WHERE id = $1', [user.id]);
    await req().post('/api/auth/login').send({ email, password }).expect(401);
  });

  it('gives field-level 400s for a malformed body', async () => {
    const res = await req().post('/api/auth/login').send({ email: '' }).expect(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'password']);
  });

  it('delays failed sign-ins of one login from one client (429 login_throttled), without locking out other accounts', async () => {
    const victim = await createUser(db, 'admin');
    const other = await createUser(db, 'planner');
    for (let i = 0; i < 3; i++) await req().post('/api/auth/login').send({ email: victim.email, password: `guess-${i}` }).expect(401);
    const blocked = await req().post('/api/auth/login').send({ email: victim.email, password: victim.password }).expect(429);
    expect(blocked.body.error.code).toBe('login_throttled');
    await req().post('/api/auth/login').send({ email: other.email, password: other.password }).expect(200);
  });
});

describe('sessions', () => {
  it('logout revokes the session server-side: the old cookie no longer works', async () => {
    const { email, password } = await createUser(db, 'planner');
    const cookie = cookieOf(await req().post('/api/auth/login').send({ email, password })).split(';')[0]!;
    await req().get('/api/auth/me').set('Cookie', cookie).expect(200);
    await req().post('/api/auth/logout').set('Cookie', cookie).set('Origin', running.url).expect(204);
    await req().get('/api/auth/me').set('Cookie', cookie).expect(401);
  });

  it('logout reads the session cookie as the gate does: a space before the next cookie still revokes it', async () => {
    const { email, password } = await createUser(db, 'planner');
    const cookie = `${cookieOf(await req().post('/api/auth/login').send({ email, password })).split(';')[0]!} ; theme=dark`;
    await req().get('/api/auth/me').set('Cookie', cookie).expect(200);
    await req().post('/api/auth/logout').set('Cookie', cookie).set('Origin', running.url).expect(204);
    await req().get('/api/auth/me').set('Cookie', cookie).expect(401);
  });

  it('stores only a hash of the session id', async () => {
    const { email, password } = await createUser(db, 'planner');
    const cookie = cookieOf(await req().post('/api/auth/login').send({ email, password }));
    const id = decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!);
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM user_session WHERE id_hash = $1', [id]);
    expect(rows[0]!.n).toBe(0);
  });

  it('an expired session reads as signed out', async () => {
    const { email, password, user } = await createUser(db, 'planner');
    const cookie = cookieOf(await req().post('/api/auth/login').send({ email, password })).split(';')[0]!;
    await db.query(`UPDATE user_session SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
    await req().get('/api/auth/me').set('Cookie', cookie).expect(401);
  });
});

describe('CSRF (Origin check on cookie-authenticated unsafe methods)', () => {
  it('refuses a cookie POST without Origin or from another site, accepts same-origin', async () => {
    const { email, password } = await createUser(db, 'admin');
    const cookie = cookieOf(await req().post('/api/auth/login').send({ email, password }).expect(200)).split(';')[0]!;
    const body = () => ({ email: `csrf-${Math.random().toString(36).slice(2)}@x.kz`, role: 'planner' });
    const noOrigin = await req().post('/api/users').set('Cookie', cookie).send(body()).expect(403);
    expect(noOrigin.body.error.code).toBe('csrf');
    await req().post('/api/users').set('Cookie', cookie).set('Origin', 'https://evil.example').send(body()).expect(403);
    await req().post('/api/users').set('Cookie', cookie).set('Referer', 'https://evil.example/page').send(body()).expect(403);
    await req().post('/api/users').set('Cookie', cookie).set('Origin', 'null').send(body()).expect(403);
    await req().post('/api/users').set('Cookie', cookie).set('Origin', running.url).set('Sec-Fetch-Site', 'cross-site').send(body()).expect(403);
    await req().post('/api/users').set('Cookie', cookie).set('Referer', `${running.url}/plans`).send(body()).expect(201);
    await req().post('/api/users').set('Cookie', cookie).set('Origin', running.url).send(body()).expect(201);
    // A cross-site login attempt (login CSRF) is refused as well.
    await req().post('/api/auth/login').set('Origin', 'https://evil.example').send({ email, password }).expect(403);
  });

  it('does not apply to bearer tokens (no ambient authority)', async () => {
    const { agent } = await agentFor(running, 'planner', db);
    const created = await agent.post('/api/tokens').send({ name: 'script' }).expect(201);
    await req().get('/api/auth/me').set('Authorization', `Bearer ${created.body.token}`).expect(200);
    await req().post('/api/auth/password').set('Authorization', `Bearer ${created.body.token}`).send({}).expect(403);
  });
});

describe('API tokens', () => {
  it('are shown once, stored hashed, listed without the secret, and revocable', async () => {
    const { agent } = await agentFor(running, 'planner', db);
    const created = await agent.post('/api/tokens').send({ name: 'nightly export', days: 30 }).expect(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^bly_/);
    expect(created.body).toMatchObject({ name: 'nightly export', role: 'planner' });
    const stored = await db.query<{ token_hash: string }>('SELECT token_hash FROM api_token WHERE id = $1', [created.body.id]);
    expect(stored[0]!.token_hash).not.toContain(token.slice(4));
    const list = await agent.get('/api/tokens').expect(200);
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(list.body.items[0]).toMatchObject({ id: created.body.id, prefix: token.slice(0, 8) });

    const bearer = `Bearer ${token}`;
    await req().get('/api/layers').set('Authorization', bearer).expect(200);
    await agent.delete(`/api/tokens/${created.body.id}`).expect(204);
    const after = await req().get('/api/layers').set('Authorization', bearer).expect(401);
    expect(after.body.error.code).toBe('invalid_token');
  });

  it('stop working when expired', async () => {
    const { agent } = await agentFor(running, 'planner', db);
    const created = await agent.post('/api/tokens').send({ name: 'short' }).expect(201);
    await req().get('/api/layers').set('Authorization', `Bearer ${created.body.token}`).expect(200);
    await db.query(`UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1`, [created.body.id]);
    await req().get('/api/layers').set('Authorization', `Bearer ${created.body.token}`).expect(401);
  });

  it('cannot exceed the owner: a partner cannot mint a planner token or other regions', async () => {
    const { agent } = await agentFor(running, 'partner', db, { regions: ['KZ15'] });
    const up = await agent.post('/api/tokens').send({ name: 'x', role: 'planner' }).expect(400);
    expect(up.body.error.details[0].field).toBe('role');
    await agent.post('/api/tokens').send({ name: 'x', regions: ['KZ19'] }).expect(400);
    const ok = await agent.post('/api/tokens').send({ name: 'x' }).expect(201);
    expect(ok.body.regions).toEqual(['KZ15']);
  });

  it('a metrics token opens /metrics only', async () => {
    const { agent } = await agentFor(running, 'admin', db);
    const created = await agent.post('/api/tokens').send({ name: 'prometheus', role: 'metrics', days: 365 }).expect(201);
    const bearer = `Bearer ${created.body.token}`;
    await req().get('/api/layers').set('Authorization', bearer).expect(403);
    expect([401, 403]).not.toContain((await req().get('/metrics').set('Authorization', bearer)).status);
  });

  it('rejects malformed Authorization headers with 401', async () => {
    for (const h of ['Basic YTpi', 'Bearer', 'Bearer bly_short', `Bearer bly_${'A'.repeat(43)}`, "Bearer bly_' OR 1=1 --"]) {
      const res = await req().get('/api/layers').set('Authorization', h);
      expect(res.status, h).toBe(401);
    }
  });
});

describe('users API (administrators)', () => {
  it('creates a user with a generated password shown once, and that user can sign in', async () => {
    const { agent } = await agentFor(running, 'admin', db);
    const created = await agent.post('/api/users').send({ email: 'Partner.One@Telecom.kz', role: 'partner', regions: ['KZ15'] }).expect(201);
    expect(created.body.user).toMatchObject({ email: 'partner.one@telecom.kz', role: 'partner', regions: ['KZ15'] });
    expect(created.body.password).toMatch(/^\S{20}$/);
    await req().post('/api/auth/login').send({ email: 'partner.one@telecom.kz', password: created.body.password }).expect(200);
    const again = await agent.post('/api/users').send({ email: 'partner.one@telecom.kz', role: 'partner' }).expect(409);
    expect(again.body.error.details[0].field).toBe('email');
    const list = await agent.get('/api/users?q=partner.one').expect(200);
    expect(list.body.total).toBe(1);
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt/);
  });

  it('validates fields (short password, unknown role, bad region id, unknown field)', async () => {
    const { agent } = await agentFor(running, 'admin', db);
    const res = await agent.post('/api/users').send({ email: 'a b', role: 'root', password: 'short', regions: ["KZ15'; DROP TABLE app_user; --"], extra: 1 }).expect(400);
    const fields = res.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'role', 'password', 'regions.0']));
  });

  it('disabling a user ends their sessions and tokens; an admin cannot disable themself', async () => {
    const { agent, user: me } = await agentFor(running, 'admin', db);
    const target = await agentFor(running, 'planner', db);
    const token = (await target.agent.post('/api/tokens').send({ name: 't' }).expect(201)).body.token;
    await agent.delete(`/api/users/${target.user.id}`).expect(200);
    await target.agent.get('/api/auth/me').expect(401);
    await req().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    await agent.patch(`/api/users/${me.id}`).send({ disabled: true }).expect(409);
    await agent.patch(`/api/users/${me.id}`).send({ role: 'planner' }).expect(409);
  });

  it('changing a password ends the other sessions, keeps this one', async () => {
    const a = await agentFor(running, 'planner', db);
    const b = supertest.agent(running.server).set('Origin', running.url);
    await b.post('/api/auth/login').send({ email: a.email, password: a.password }).expect(200);
    await a.agent.post('/api/auth/password').send({ currentPassword: 'wrong', newPassword: 'a brand new password' }).expect(400);
    await a.agent.post('/api/auth/password').send({ currentPassword: a.password, newPassword: 'a brand new password' }).expect(204);
    await a.agent.get('/api/auth/me').expect(200);
    await b.get('/api/auth/me').expect(401);
    await req().post('/api/auth/login').send({ email: a.email, password: 'a brand new password' }).expect(200);
  });
});

describe('audit API', () => {
  it('records sign-ins, user and token changes; filters and pages; admins only', async () => {
    const admin = await agentFor(running, 'admin', db);
    const planner = await agentFor(running, 'planner', db);
    await planner.agent.get('/api/audit').expect(403);
    await req().get('/api/audit').expect(401);
    const logins = await admin.agent.get(`/api/audit?actor=${encodeURIComponent(planner.email)}&action=user`).expect(200);
    expect(logins.body.items.map((e: { action: string }) => e.action)).toContain('user.login');
    const page = await admin.agent.get('/api/audit?limit=2&offset=1').expect(200);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThan(3);
    const bad = await admin.agent.get('/api/audit?since=yesterday&limit=0').expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['limit', 'since']);
  });
});

describe('automatic audit of changes', () => {
  it('the gate records each successful change with actor, rule and path, and not failed ones', async () => {
    const { Router } = await import('express');
    const extra = () => Router().post('/api/ppp/levels', (req, res) => {
      if (req.body?.fail) res.status(400).json({ error: { code: 'bad_request', message: 'no', details: [] } });
      else res.status(201).json({ ok: true });
    });
    const r = await listen(testApp(db, { extra: [extra] }));
    try {
      const { email, password } = await createUser(db, 'planner');
      const a = supertest.agent(r.server).set('Origin', r.url);
      await a.post('/api/auth/login').send({ email, password }).expect(200);
      await a.post('/api/ppp/levels').send({ community: 'secret-community-x' }).expect(201);
      await a.post('/api/ppp/levels').send({ fail: true }).expect(400);
      await new Promise((done) => setTimeout(done, 200)); // the entry is written when the answer finishes
      const rows = await db.query<{ actor: string; action: string; target: string; details: Record<string, unknown> }>(
        `SELECT actor, action, target, details FROM audit_log WHERE actor = $1 AND action = 'ppp.change'`, [email]);
      expect(rows).toEqual([{ actor: email, action: 'ppp.change', target: '/api/ppp/levels', details: { method: 'POST', route: '/api/ppp/*', status: 201 } }]);
      expect(JSON.stringify(rows)).not.toContain('secret-community-x');
    } finally {
      await r.close();
    }
  });
});

describe('anonymous callers', () => {
  it('get a minimal health answer and 401 elsewhere', async () => {
    const health = await req().get('/api/health').expect(200);
    expect(health.body).toEqual({ status: 'ok' });
    await req().get('/api/layers').expect(401);
    await req().get('/api/users').expect(401);
  });

  it('get 403 on an endpoint the policy does not list (default deny), even with a role', async () => {
    const { agent } = await agentFor(running, 'admin', db);
    const res = await agent.get('/api/not-listed-anywhere').expect(403);
    expect(res.body.error.message).toMatch(/not listed in the access policy/);
  });
});
