// Issue 11: heavy work runs as a job off the request path. Before, POST /api/plan/recompute held
// its request (and the client) for the whole recompute and answered 200 at the end; now it answers
// 202 with the job's URL at once and GET /api/jobs/:id tells state, progress and result.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { createApp } from '../../server/src/http/app.ts';
import { createLogger } from '../../server/src/logger.ts';
import { bearerFor } from '../support/auth.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { insertFixture } from '../db/planning-support/fixture.ts';

let db: TestDatabase;
let app: ReturnType<typeof createApp>;
let planner = '';

beforeAll(async () => {
  db = await openTestDatabase();
  await insertFixture(db);
  app = createApp({ db, config: loadConfig({}), logger: createLogger('silent'), versions: {} });
  planner = await bearerFor(db, 'planner');
});
afterAll(async () => db?.close());

type JobBody = { job: { id: string; state: string; url: string; progress: { stage: string } | null; result: unknown; error: { code: string } | null } };

/** Reads the job until it has ended (each read is a real GET, as the web app polls). */
async function untilEnded(url: string, auth: string): Promise<JobBody['job']> {
  for (;;) {
    const { body } = (await request(app).get(url).set('Authorization', auth).expect(200)) as { body: JobBody };
    if (body.job.state === 'succeeded' || body.job.state === 'failed') return body.job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('POST /api/plan/recompute as a job', () => {
  it('answers 202 with the job URL; the job ends with the recompute report and its last stage', async () => {
    const res = await request(app).post('/api/plan/recompute').set('Authorization', planner).send({ full: true }).expect(202);
    const url = res.headers.location as string;
    expect(url).toMatch(/^\/api\/jobs\/[A-Za-z0-9_-]+$/);
    expect(res.body.job).toMatchObject({ kind: 'recompute', url, result: null, error: null });
    expect(['queued', 'running']).toContain(res.body.job.state);
    const job = await untilEnded(url, planner);
    expect(job.state).toBe('succeeded');
    expect(job.result).toMatchObject({ facilities: 9, spatial: 'full' });
    expect(job.progress?.stage).toBe('costs');
  });

  it('bad parameters are still a 400 of the request itself, not a failed job', async () => {
    const res = await request(app).post('/api/plan/recompute').set('Authorization', planner).send({ parameters: { routeFactor: 0.5 } }).expect(400);
    expect(res.body.error.code).toBe('invalid_parameters');
  });

  it('a job is its starter\'s (and administrators\'): another planner reads 404, a partner 403', async () => {
    const res = await request(app).post('/api/plan/recompute').set('Authorization', planner).send({}).expect(202);
    const url = res.headers.location as string;
    await untilEnded(url, planner);
    await request(app).get(url).set('Authorization', await bearerFor(db, 'planner')).expect(404);
    await request(app).get(url).set('Authorization', await bearerFor(db, 'admin')).expect(200);
    await request(app).get(url).set('Authorization', await bearerFor(db, 'partner')).expect(403);
    await request(app).get('/api/jobs/nope').set('Authorization', planner).expect(404);
  });
});
