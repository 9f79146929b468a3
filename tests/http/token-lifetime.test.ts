// Issue 11 item 4: API tokens never outlive the access they were minted under. A partner narrowed
// to fewer regions reads only those with its old tokens; a password change, an admin reset (API or
// CLI) ends every token. Before the fix tokens kept their minted regions and survived both.
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, lookupApiToken } from '../../server/src/access/tokens.ts';
import { updateUser } from '../../server/src/access/users.ts';
import { adminProgram } from '../../server/src/cli/admin.ts';
import { agentFor, bearerFor, createUser, listen, testApp, type Running } from '../support/auth.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

let db: TestDatabase;
let running: Running;
const req = () => supertest(running.server);

beforeAll(async () => {
  db = await openTestDatabase();
  running = await listen(testApp(db));
});
afterAll(async () => {
  await running?.close();
  await db?.close();
});

describe('API tokens follow their owner', () => {
  it("a partner's token reads only the regions the partner still has", async () => {
    const { user } = await createUser(db, 'partner', { regions: ['KZ15', 'KZ19'] });
    const { token } = await createApiToken(db, user, { name: 'etl', role: 'partner', regions: ['KZ15', 'KZ19'], days: 366 });
    expect((await lookupApiToken(db, token))!.regions).toEqual(['KZ15', 'KZ19']);
    await updateUser(db, user.id, { regions: ['KZ15'] });
    expect((await lookupApiToken(db, token))!.regions).toEqual(['KZ15']);
    await updateUser(db, user.id, { regions: ['KZ11'] });
    expect((await lookupApiToken(db, token))!.regions).toEqual([]);
  });

  it("a site account's token reads only the sites the account still has; an admin's partner token keeps its regions", async () => {
    const { user } = await createUser(db, 'site', { siteIds: ['S1', 'S2'] });
    const { token } = await createApiToken(db, user, { name: 'nms', role: 'site', siteIds: ['S1', 'S2'], days: 30 });
    await updateUser(db, user.id, { siteIds: ['S2'] });
    expect((await lookupApiToken(db, token))!.siteIds).toEqual(['S2']);
    const admin = await createUser(db, 'admin');
    const minted = await createApiToken(db, admin.user, { name: 'for a partner', role: 'partner', regions: ['KZ19'], days: 30 });
    expect((await lookupApiToken(db, minted.token))).toMatchObject({ role: 'partner', regions: ['KZ19'] });
  });

  it('changing one\'s own password ends every token of the account', async () => {
    const { agent, user, password } = await agentFor(running, 'planner', db);
    const { token } = await createApiToken(db, user, { name: 'script', role: 'planner', days: 366 });
    await req().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    await agent.post('/api/auth/password').set('Origin', running.url).send({ currentPassword: password, newPassword: 'a completely new passphrase 42' }).expect(204);
    await req().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('an admin reset over the API or with npm run admin ends every token', async () => {
    const admin = await bearerFor(db, 'admin');
    const { user, email } = await createUser(db, 'planner');
    const first = await createApiToken(db, user, { name: 'a', role: 'planner', days: 366 });
    await req().patch(`/api/users/${user.id}`).set('Authorization', admin).send({ password: 'reset by the administrator 7' }).expect(200);
    await req().get('/api/auth/me').set('Authorization', `Bearer ${first.token}`).expect(401);

    const second = await createApiToken(db, user, { name: 'b', role: 'planner', days: 366 });
    await adminProgram({ withDatabase: (fn) => fn(db), print: () => {} }).parseAsync(['reset-password', '--email', email], { from: 'user' });
    expect(await lookupApiToken(db, second.token)).toBeUndefined();
  });
});
