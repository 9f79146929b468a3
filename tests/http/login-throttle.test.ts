// Issue 11 item 3: nobody can lock anyone out. Failed sign-ins are counted per login and client
// (address, or a browser that signed in before), delays grow 1 s, 2 s, 4 s …, the answer is a
// distinct 429 `login_throttled` with Retry-After, and `npm run admin -- unlock` lifts it. Before
// the fix 5 failures from anywhere made the right password answer 429 for 15 minutes, everywhere.
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_COOKIE } from '../../server/src/http/login-gate.ts';
import { adminProgram } from '../../server/src/cli/admin.ts';
import { createUser, listen, testApp, type Running } from '../support/auth.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

let db: TestDatabase;
let running: Running;
const ATTACKER = '203.0.113.7';
const OFFICE_MATE = '198.51.100.9';

beforeAll(async () => {
  db = await openTestDatabase();
  running = await listen(testApp(db, { access: { rateLimits: { loginPerAccount: 3, loginPerIp: 1000 } } }));
});
afterAll(async () => {
  await running?.close();
  await db?.close();
});

// The app trusts X-Forwarded-For from loopback (a reverse proxy), so tests can choose the address.
const from = (ip: string, email: string, password: string, agent = supertest(running.server)) =>
  agent.post('/api/auth/login').set('X-Forwarded-For', ip).set('Origin', running.url).send({ email, password });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sign-in delays', () => {
  it("a stranger's failures never keep the right password out of a known browser, even behind the same address", async () => {
    const admin = await createUser(db, 'admin');
    const browser = supertest.agent(running.server);
    const first = await from(ATTACKER, admin.email, admin.password, browser).expect(200);
    const device = ([] as string[]).concat(first.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${DEVICE_COOKIE}=`));
    expect(device).toMatch(/HttpOnly/);
    expect(device).toMatch(/SameSite=Strict/);
    expect(device).toMatch(/Path=\/api\/auth/);

    for (let i = 0; i < 3; i++) await from(ATTACKER, admin.email, `guess-${i}`).expect(401);
    const throttled = await from(ATTACKER, admin.email, admin.password).expect(429);
    expect(throttled.body.error.code).toBe('login_throttled');
    expect(throttled.body.error.message).toMatch(/wait 1 s/);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    // The administrator's own browser, same NAT address: in.
    await from(ATTACKER, admin.email, admin.password, browser).expect(200);
    // A colleague at another address who never signed in here: in.
    await from(OFFICE_MATE, admin.email, admin.password).expect(200);
  });

  it('delays grow 1 s, 2 s …; attempts during a delay are refused without checking the password', async () => {
    const u = await createUser(db, 'planner');
    for (let i = 0; i < 3; i++) await from(ATTACKER, u.email, `guess-${i}`).expect(401);
    for (let i = 0; i < 5; i++) expect((await from(ATTACKER, u.email, `fast-${i}`).expect(429)).headers['retry-after']).toBe('1');
    await sleep(1100);
    await from(ATTACKER, u.email, 'after the wait').expect(401);
    const second = await from(ATTACKER, u.email, u.password).expect(429);
    expect(second.headers['retry-after']).toBe('2');
    await sleep(2100);
    await from(ATTACKER, u.email, u.password).expect(200);
  });

  it('npm run admin -- unlock lifts the delay at once', async () => {
    const u = await createUser(db, 'partner');
    for (let i = 0; i < 6; i++) await from(ATTACKER, u.email, `guess-${i}`);
    await from(ATTACKER, u.email, u.password).expect(429);
    const printed: string[] = [];
    await adminProgram({ withDatabase: (fn) => fn(db), print: (l) => printed.push(l) }).parseAsync(['unlock', '--email', u.email], { from: 'user' });
    expect(printed).toEqual([`unlocked: ${u.email}`]);
    await from(ATTACKER, u.email, u.password).expect(200);
  });

  it('parallel guesses gain nothing: at most the free failures are checked', async () => {
    const u = await createUser(db, 'planner');
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => from(ATTACKER, u.email, `parallel-${i}`)));
    const checked = answers.filter((a) => a.status === 401).length;
    expect(checked).toBeLessThanOrEqual(3);
    expect(answers.filter((a) => a.status === 429).length).toBe(12 - checked);
  });
});
