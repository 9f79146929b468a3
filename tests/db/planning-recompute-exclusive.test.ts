// One recompute at a time per database (db/exclusive.ts). In CI a recompute job and the PPP page's
// own recompute ran together on PostgreSQL: one truncated the measures while the other read them,
// the server cancelled the reader (deadlock) and the page answered 500. Two at once also save
// plan_states that may not describe the results on the table.
import { MessageChannel } from 'node:worker_threads';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSynthetic } from '../../scripts/synthetic-scale.ts';
import { exclusively } from '../../server/src/db/exclusive.ts';
import { StatementCancelled, withStatementSignal } from '../../server/src/db/statement-scope.ts';
import { remoteDatabase, serveDatabase } from '../../server/src/jobs/thread-database.ts';
import { parseParameters } from '../../server/src/planning/parameters.ts';
import { recompute } from '../../server/src/planning/recompute.ts';
import { ensureMeasures } from '../../server/src/portfolio/plan-source.ts';
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

const later = (ms: number, value: string) => new Promise<string>((r) => setTimeout(() => r(value), ms));
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

  it.runIf(serverUrl)('stops, writing nothing more, when its lock session ends', async () => {
    const db = await planned();
    await generateSynthetic(db, { facilities: 600, routeKm: 800, roadKm: 1000, seed: 18 });
    const admin = await session(db);
    let killed: Promise<unknown> | undefined;
    // An operator's pg_terminate_backend (or a dropped connection) while the run measures.
    const progress = () => {
      killed ??= admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'baylanys-lock' AND datname = current_database()`);
    };
    await expect(recompute(db, S, { full: true, progress })).rejects.toThrow(/lock session ended/);
    await killed;
    // Nothing half-done is taken for current: the next run with S measures and writes it all.
    const next = await recompute(db, S);
    expect(next.spatial).toBe('full');
  });

  it('a job thread that dies while it waits for the lock does not keep it from everyone after', async () => {
    const db = await planned();
    let finish!: () => void;
    const running = exclusively(db, 'recompute', () => new Promise<void>((r) => (finish = r)));
    const { port1, port2 } = new MessageChannel();
    const threadGone = serveDatabase(port1, db);
    void remoteDatabase(port2, db.backend).exclusive!('recompute', async () => {}).catch(() => {});
    await new Promise((r) => setTimeout(r, 200)); // its 'hold' waits behind the running one
    threadGone(); // what JobThread.die() does
    port1.close();
    port2.close();
    finish();
    await running;
    expect(await Promise.race([recompute(db, A).then(() => 'ran'), later(10_000, 'still waiting')])).toBe('ran');
  });

  it('a page does not queue behind a running recompute; a scenario run does', async () => {
    const db = await planned();
    let finish!: () => void;
    const running = exclusively(db, 'recompute', () => new Promise<void>((r) => (finish = r)));
    expect(await Promise.race([ensureMeasures(db, A, { wait: false }).then(() => 'answered'), later(5_000, 'queued')])).toBe('answered');
    const scenario = ensureMeasures(db, A).then(() => 'answered');
    expect(await Promise.race([scenario, later(300, 'queued')])).toBe('queued');
    finish();
    await running;
    expect(await scenario).toBe('answered');
  });
});

describe('a run stopped part way (request budget, client gone, restart)', () => {
  async function stopped(db: TestDatabase, p: typeof A, atStage: string): Promise<void> {
    const c = new AbortController();
    const progress = (stage: string) => {
      if (stage === atStage && !c.signal.aborted) c.abort(new StatementCancelled('client_gone'));
    };
    await expect(withStatementSignal(c.signal, () => recompute(db, p, { progress }))).rejects.toThrow(StatementCancelled);
  }

  it('while measuring: the measures it did not keep leave the next run with the same parameters nothing to do', async () => {
    const db = await planned();
    await stopped(db, S, 'fibre, coverage and settlements');
    const next = await recompute(db, A);
    expect([next.spatial, next.costs, next.write]).toEqual(['unchanged', 'unchanged', 'none']);
  });

  it('after its measures were kept: the next run reads them again without measuring everything, and shows the new name', async () => {
    const db = await planned();
    await db.exec(`UPDATE facility SET name_en = 'Aqsu lyceum' WHERE id = 'f1'`);
    await stopped(db, A, 'costs');
    const next = await recompute(db, A);
    expect(next.spatial).toBe('incremental');
    expect(next.measured).toBe(0);
    expect((await db.query<{ name_en: string }>(`SELECT name_en FROM plan_result WHERE facility_id = 'f1'`))[0]?.name_en).toBe('Aqsu lyceum');
  });
});
