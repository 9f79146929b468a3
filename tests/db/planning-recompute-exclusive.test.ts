// One recompute at a time per database (db/exclusive.ts). In CI a recompute job and the PPP page's
// own recompute ran together on PostgreSQL: one truncated the measures while the other read them,
// the server cancelled the reader (deadlock) and the page answered 500. Two at once also save
// plan_states that may not describe the results on the table.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { parseParameters } from '../../server/src/planning/parameters.ts';
import { recompute } from '../../server/src/planning/recompute.ts';
import { openTestDatabase, serverUrl, type TestDatabase } from '../support/db.ts';
import { insertFixture } from './planning-support/fixture.ts';

const A = parseParameters();
// Another spatial parameter: both runs re-measure everything.
const S = parseParameters({ spatial: { ...A.spatial, maxFibreDropM: 10_000 } });

const dbs: TestDatabase[] = [];
async function planned(): Promise<TestDatabase> {
  const db = await openTestDatabase();
  dbs.push(db);
  await insertFixture(db);
  await recompute(db, A, { full: true });
  return db;
}
const clients: pg.Client[] = [];
async function session(db: TestDatabase): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) await c.end().catch(() => {});
  for (const db of dbs.splice(0)) await db.close();
});

const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out waiting');
};

describe('recompute: one at a time per database', () => {
  it('two started together run one after the other, and the state names the last one', async () => {
    const db = await planned();
    const events: string[] = [];
    const runs = [S, A].map((p, i) => recompute(db, p, { full: true, progress: (stage) => events.push(`${i}:${stage}`) }));
    await Promise.all(runs);
    // Every stage of the first before any of the second: no interleaving.
    const firstOfSecond = events.findIndex((e) => e.startsWith('1:'));
    expect(firstOfSecond).toBeGreaterThan(0);
    expect(events.slice(firstOfSecond).every((e) => e.startsWith('1:'))).toBe(true);
    // The table and plan_state agree: the parameters of the run that ended last change nothing.
    const again = await recompute(db, A);
    expect([again.spatial, again.costs, again.write]).toEqual(['unchanged', 'unchanged', 'none']);
  });

  it.runIf(serverUrl)('waits for another process holding the recompute lock', async () => {
    const db = await planned();
    const other = await session(db);
    await other.query('SELECT pg_advisory_lock(7270020)');
    let ended = false;
    const run = recompute(db, S).then((r) => ((ended = true), r));
    const lockWaiters = `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = 7270020`;
    await until(async () => (await other.query(lockWaiters)).rows[0].n === 1);
    expect(ended).toBe(false);
    await other.query('SELECT pg_advisory_unlock(7270020)');
    expect((await run).spatial).toBe('full');
  });

  it.runIf(serverUrl)('a reader of plan_measure and then plan_settlement is not cancelled by the measures being replaced', async () => {
    const db = await planned();
    const reader = await session(db);
    await reader.query('BEGIN');
    await reader.query('SELECT count(*) FROM plan_measure');
    const run = recompute(db, S, { full: true });
    // The recompute now waits for the reader's lock on plan_measure, holding none of its own on
    // plan_settlement (it took it first before, and the reader's next read closed the cycle).
    const waiting = `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                     WHERE NOT l.granted AND c.relname IN ('plan_measure', 'plan_settlement')`;
    await until(async () => (await reader.query(waiting)).rows[0].n === 1);
    await expect(reader.query('SELECT count(*) FROM plan_settlement')).resolves.toBeTruthy();
    await reader.query('COMMIT');
    expect((await run).spatial).toBe('full');
  });
});
