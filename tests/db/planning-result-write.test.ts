// Issue 14: a recompute sends plan_result only the rows that differ from the copy this process keeps
// of it (planning/result-write.ts). Whatever happened to the table or to the facilities since, the
// result must be byte for byte what a full rebuild (TRUNCATE + INSERT) with the same parameters
// leaves: another writer's rows are put back (migration 018's stamp), renamed facilities and
// settlements show their new names and search text, added and deleted facilities are there / gone.
import { afterEach, describe, expect, it } from 'vitest';
import { generateSynthetic } from '../../scripts/synthetic-scale.ts';
import { parseParameters, type Parameters } from '../../server/src/planning/parameters.ts';
import { costOnlySlice, recompute } from '../../server/src/planning/recompute.ts';
import pg from 'pg';
import { openDatabase, type Database, type Queryable } from '../../server/src/db/database.ts';
import { resultCopyLimits, resultWriteThread, writeResults } from '../../server/src/planning/result-write.ts';
import { facilityInputs, readInputs } from '../../server/src/planning/input-cache.ts';
import { openTestDatabase, serverUrl, type TestDatabase } from '../support/db.ts';
import { insertFixture } from './planning-support/fixture.ts';

const A = parseParameters();
// A unit cost and a demand figure: choices, scores and ranks move (a cost-only re-rank).
const B = parseParameters({ fibre: { perKmUsd: 5200 }, demandMbps: { library: 14 } });
// A spatial parameter: everything is re-measured, a few drops now fall outside the limit.
const S = parseParameters({ spatial: { ...A.spatial, maxFibreDropM: 10_000 } });

async function results(db: TestDatabase): Promise<string> {
  const rows = await db.query(
    `SELECT facility_id, name, name_ru, name_kk, name_en, search_text, kind, subkind, settlement_id, settlement_name,
            admin1_id, admin2_id, gap_class, technology, capex_usd, opex_usd_per_year, tco_usd, tco_kzt, beneficiaries,
            score, rank, provenance, measured_state, measured, measured_flag, settlement_type, in_scope, underserved,
            standalone_tco_usd, share_group, ST_AsText(geom) AS geom
     FROM plan_result LEFT JOIN plan_rank USING (facility_id) ORDER BY facility_id COLLATE "C"`,
  );
  return JSON.stringify(rows);
}

/** What a full rebuild with `p` leaves (TRUNCATE + INSERT of every row). */
async function rebuilt(db: TestDatabase, p: Parameters): Promise<string> {
  const r = await recompute(db, p, { full: true });
  expect(r.write).toBe('rewrite');
  return results(db);
}

const dbs: TestDatabase[] = [];
async function planned(): Promise<TestDatabase> {
  const db = await openTestDatabase();
  dbs.push(db);
  await insertFixture(db);
  await generateSynthetic(db, { facilities: 600, routeKm: 800, roadKm: 1000, seed: 18 });
  await recompute(db, A, { full: true });
  return db;
}

const READ_BACK = resultCopyLimits.readBack;
const THREAD_MIN_ROWS = resultWriteThread.minRows;
const SLICE = costOnlySlice.facilities;
afterEach(async () => {
  resultCopyLimits.readBack = READ_BACK;
  resultWriteThread.minRows = THREAD_MIN_ROWS;
  costOnlySlice.facilities = SLICE;
  for (const db of dbs.splice(0)) await db.close();
});

/**
 * The next save of plan_state fails, once, after everything before it in its transaction ran: as a
 * lost connection or a killed process would stop a run there. (A state that names no measures,
 * spatial_hash NULL, is let through: only the save of a whole run fails.)
 */
async function failNextStateSave(db: TestDatabase): Promise<void> {
  await db.exec(`
    CREATE SEQUENCE state_saves;
    CREATE FUNCTION state_save_fails() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.measured_at IS NOT NULL THEN
        IF nextval('state_saves') = 1 THEN RAISE EXCEPTION 'plan_state save fails (test)'; END IF;
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER state_save_fails BEFORE INSERT OR UPDATE ON plan_state FOR EACH ROW EXECUTE FUNCTION state_save_fails();`);
}

/** `db` with every keyed update of plan_result (result-write.ts) explained, in its transaction, before it runs. */
function explainingUpdates(db: TestDatabase, plans: string[]): Database {
  const keyed = /^-- (Cost-only re-rank|Measures changed)/;
  const wrap = (q: Queryable): Queryable => ({
    query: async <T,>(sql: string, params?: readonly unknown[]) => {
      if (keyed.test(sql)) plans.push((await q.query<Record<string, string>>(`EXPLAIN ${sql}`, params)).map((r) => Object.values(r)[0]).join('\n'));
      // The state save runs last in the write's transaction: the join settings are the server's again.
      if (sql.startsWith('-- Records what this recompute was computed from')) {
        const [now] = await q.query<{ joins: string }>(`SELECT current_setting('enable_hashjoin') || '/' || current_setting('enable_mergejoin') AS joins`);
        plans.push(`state save with joins ${now!.joins}`);
      }
      return q.query<T>(sql, params);
    },
    exec: (sql: string) => q.exec(sql),
    copyFrom: (sql: string, rows: Uint8Array<ArrayBuffer>) => q.copyFrom(sql, rows),
  });
  const onThread = db.transactionOnThread;
  return Object.assign(Object.create(db) as Database, wrap(db), {
    transaction: <T,>(fn: (tx: Queryable) => Promise<T>) => db.transaction((tx) => fn(wrap(tx))),
    transactionOnThread: onThread && (<T,>(fn: (tx: Queryable) => Promise<T>) => onThread((tx) => fn(wrap(tx)))),
  });
}

describe('result write: only the rows that differ, never from a stale copy', () => {
  it('puts back rows another writer changed before a cost-only re-rank', async () => {
    const db = await planned();
    const fullA = await results(db);
    expect((await recompute(db, B)).write).toBe('update');
    // Another process (or a hand edit) writes plan_result: this process's copy no longer holds.
    await db.exec(`UPDATE plan_result SET technology = 'tampered'; UPDATE plan_rank SET rank = rank + 100000`);
    const back = await recompute(db, A);
    expect(back).toMatchObject({ spatial: 'unchanged', write: 'update' });
    expect(await results(db)).toBe(fullA);
    // The copy read back for that re-rank had the figures only: a re-measure reads the rest.
    await db.exec(`UPDATE plan_result SET name_en = 'tampered', subkind = 'tampered' WHERE facility_id = 'f2'`);
    expect((await recompute(db, B)).write).toBe('update');
    expect((await recompute(db, S)).write).toBe('update');
    const measured = await results(db);
    expect(measured).not.toContain('tampered');
    expect(measured).toBe(await rebuilt(db, S));
  }, 120_000);

  // The ranks alone (plan_rank, migration 042): its own triggers move the stamp, so the copy is read
  // back and the ranks written whole again. The same figures are written (no rank moves against the
  // copy this process holds): without plan_rank's triggers it would trust its copy and write nothing.
  it('puts back ranks another writer changed in plan_rank alone', async () => {
    const db = await planned();
    const fullA = await results(db);
    const FIG = ['gap_class', 'technology', 'capex_usd', 'opex_usd', 'tco_usd', 'tco_kzt', 'beneficiaries', 'score', 'rank',
      'measured_state', 'measured', 'measured_flag', 'in_scope', 'underserved', 'standalone_tco_usd', 'share_group'];
    const rows = await db.query<Record<string, unknown>>(
      `SELECT facility_id, ${FIG.map((k) => (k === 'opex_usd' ? 'opex_usd_per_year AS opex_usd' : k)).join(', ')}
       FROM plan_result LEFT JOIN plan_rank USING (facility_id) ORDER BY facility_id`,
    );
    const cols: Record<string, unknown[]> = { facility_id: rows.map((r) => r.facility_id) };
    for (const k of FIG) cols[k] = rows.map((r) => r[k]);
    await db.exec(`UPDATE plan_rank SET rank = rank + 100000 WHERE rank <= 10`);
    await db.exec(`DELETE FROM plan_rank WHERE rank BETWEEN 11 AND 20`);
    expect(await results(db)).not.toBe(fullA);
    expect((await writeResults(db, cols, 'update'))?.write).toBe('update');
    expect(await results(db)).toBe(fullA);
  }, 120_000);

  it('updates in place after a re-measure, as a rebuild would write, without ANALYZE', async () => {
    const db = await planned();
    const r = await recompute(db, S);
    expect(r).toMatchObject({ spatial: 'full', write: 'update' });
    expect(r.rowsChanged).toBeGreaterThan(0);
    expect(r.rowsChanged).toBeLessThan(r.facilities);
    expect(r.phasesMs.analyze).toBeUndefined();
    const written = await results(db);
    expect(written).toBe(await rebuilt(db, S));
  }, 120_000);

  it('makes search text anew after another writer changed it, even where the names are the same', async () => {
    const db = await planned();
    await db.exec(`UPDATE plan_result SET search_text = 'tampered'`);
    expect((await recompute(db, S)).write).toBe('rewrite'); // every row differs now
    await recompute(db, A);
    await db.exec(`UPDATE plan_result SET search_text = 'tampered' WHERE facility_id = 'f1'`);
    expect((await recompute(db, S)).write).toBe('update');
    const written = await results(db);
    expect(written).not.toContain('tampered');
    expect(written).toBe(await rebuilt(db, S));
  }, 120_000);

  it('shows a renamed facility and a renamed settlement with their new search text', async () => {
    const db = await planned();
    await db.exec(`UPDATE facility SET name_en = 'Aqsu lyceum' WHERE id = 'f1'`);
    const r = await recompute(db, A);
    expect(r).toMatchObject({ spatial: 'incremental', write: 'update' });
    const renamed = await results(db);
    expect(renamed).toContain('aqsu lyceum');
    expect(renamed).toBe(await rebuilt(db, A));
    await db.exec(`UPDATE settlement SET name_ru = 'Аксу-Новый' WHERE id = 's-aqsu'`);
    expect((await recompute(db, S)).write).toBe('update');
    const moved = await results(db);
    expect(moved).toContain('Аксу-Новый');
    expect(moved).toContain('аксу-новый');
    expect(moved).toBe(await rebuilt(db, S));
  }, 120_000);

  it('has an added facility and no deleted one', async () => {
    const db = await planned();
    await db.exec(`DELETE FROM facility WHERE id = 'f3'`);
    await db.exec(`INSERT INTO facility (id, kind, name, settlement_id, students, connection, geom, dataset_id, provenance)
                   VALUES ('f10', 'school', 'Жаңа мектеп', 's-kok', 40, 'none', ST_SetSRID(ST_MakePoint(70.1, 50.051), 4326), 'fx', 'illustrative')`);
    const r = await recompute(db, A);
    expect(r.spatial).toBe('incremental');
    const written = await results(db);
    expect(written).toContain('"f10"');
    expect(written).not.toContain('"f3"');
    expect(written).toBe(await rebuilt(db, A));
  }, 120_000);

  // A national table is too large to read back (one JSON string): without a copy of its own, the
  // process sends every row once, keeps what it sent, and compares with that from then on; a
  // re-measure, which compares names too, cannot use a copy of the figures alone.
  it('keeps what it sent when the table is too large to read back, and a re-measure still writes every column', async () => {
    const db = await planned();
    resultCopyLimits.readBack = 10;
    await db.exec(`UPDATE plan_result SET technology = 'tampered'; UPDATE plan_rank SET rank = rank + 100000`); // the copy no longer holds
    expect((await recompute(db, B)).write).toBe('update'); // every row sent
    const atB = await results(db);
    expect((await recompute(db, A)).write).toBe('update'); // from the copy it kept: the changed rows
    const atA = await results(db);
    // A re-measure compares names and search text too, which the kept copy does not hold: every row anew.
    expect((await recompute(db, S)).write).toBe('rewrite');
    const atS = await results(db);
    expect(atB).not.toContain('tampered');
    expect(atS).toBe(await rebuilt(db, S));
    expect(atA).toBe(await rebuilt(db, A));
    expect(atB).toBe(await rebuilt(db, B));
  }, 120_000);

  it('uses the copy it kept: the next re-rank sends only the rows that differ from it', async () => {
    const db = await planned();
    resultCopyLimits.readBack = 10;
    await db.exec(`UPDATE plan_result SET technology = 'tampered'`);
    await recompute(db, B); // every row sent, the copy kept
    // A row that A and B leave alike, changed where the stamp does not see it (its trigger off): a
    // re-rank that sent every row would put it back; one that compares with its copy leaves it.
    const [row] = await db.query<{ facility_id: string }>(`SELECT facility_id FROM plan_result WHERE score IS NULL ORDER BY facility_id LIMIT 1`);
    await db.exec(`ALTER TABLE plan_result DISABLE TRIGGER USER;
                   UPDATE plan_result SET beneficiaries = -1 WHERE facility_id = '${row!.facility_id}';
                   ALTER TABLE plan_result ENABLE TRIGGER USER`);
    expect((await recompute(db, A)).write).toBe('update');
    const [after] = await db.query<{ beneficiaries: number }>(`SELECT beneficiaries FROM plan_result WHERE facility_id = '${row!.facility_id}'`);
    expect(after!.beneficiaries).toBe(-1);
  }, 120_000);

  it('finds each row of an update in its copy whatever order the rows come in, again and again', async () => {
    const db = await planned();
    // The positions of the rows in the copy are kept for the next update with the same ids in the same
    // order; an update in another order must find its rows anew. Each pass moves one row's
    // beneficiaries: compared with the right rows of the copy, that row alone is sent, and the copy
    // stays true for the passes after it.
    const orders = ['ASC', 'DESC', 'DESC', 'ASC', 'ASC', 'DESC'];
    for (let pass = 0; pass < orders.length; pass++) {
      const order = orders[pass]!;
      const rows = await db.query<Record<string, unknown>>(
        `SELECT facility_id, gap_class, technology, capex_usd, opex_usd_per_year AS opex_usd, tco_usd, tco_kzt, beneficiaries,
                score, rank, measured_state, measured, measured_flag, in_scope, underserved, standalone_tco_usd, share_group
         FROM plan_result LEFT JOIN plan_rank USING (facility_id) ORDER BY facility_id COLLATE "C" ${order}`,
      );
      const moved = rows[pass * 7]!.facility_id as string;
      const want = new Map(rows.map((r) => [r.facility_id as string, (r.beneficiaries as number) + (r.facility_id === moved ? 1 : 0)]));
      const cols = Object.fromEntries(Object.keys(rows[0]!).map((k) => [k, rows.map((r) => (k === 'beneficiaries' ? want.get(r.facility_id as string) : r[k]))]));
      expect((await writeResults(db, cols, 'update'))?.rowsChanged, `pass ${pass} (${order})`).toBe(1);
      const now = await db.query<{ facility_id: string; beneficiaries: number }>('SELECT facility_id, beneficiaries FROM plan_result');
      expect(now.filter((r) => r.beneficiaries !== want.get(r.facility_id)), `pass ${pass} (${order})`).toEqual([]);
    }
  }, 120_000);

  it('sends no update without a copy when the table holds as many rows but other facilities', async () => {
    const db = await planned();
    resultCopyLimits.readBack = 10;
    await db.exec(`UPDATE plan_result SET facility_id = 'ghost' WHERE facility_id = 'f2'`);
    await recompute(db, B);
    const written = await results(db);
    expect(written).not.toContain('ghost');
    expect(written).toBe(await rebuilt(db, B));
  }, 120_000);

  it('finds each row it updates by its primary key, in a re-rank and in a re-measure', async () => {
    const db = await planned();
    const plans: string[] = [];
    const watched = explainingUpdates(db, plans);
    expect((await recompute(watched, B)).write).toBe('update');
    expect((await recompute(watched, S)).write).toBe('update');
    // Left to its costs the planner hashes the whole table for every slice (review of the bundled re-rank).
    const saves = plans.filter((x) => x.startsWith('state save'));
    expect(saves).toEqual(['state save with joins on/on', 'state save with joins on/on']);
    const updates = plans.filter((x) => !x.startsWith('state save'));
    expect(updates.length).toBeGreaterThanOrEqual(2); // the re-rank's figures, the re-measure's rows (ranks: written whole, plan_rank)
    for (const plan of updates) {
      expect(plan).toContain('Index Scan using plan_result_pkey');
      expect(plan).not.toMatch(/Seq Scan on plan_result|Hash Join|Merge Join/);
    }
    expect(await results(db)).toBe(await rebuilt(db, S));
  }, 120_000);

  it('after a re-measure keeps the inputs the database now holds, every one read anew, a moved one where it moved to', async () => {
    const db = await planned();
    const before = await facilityInputs(db);
    const moved = before.rows.find((r) => r.pop_distance_m !== null)!;
    await db.exec(`UPDATE facility SET geom = ST_Translate(geom, 0.05, 0) WHERE id = '${moved.facility_id}'`);
    expect((await recompute(db, S)).measured).toBe(before.rows.length); // a spatial parameter: everyone re-measured
    const after = await facilityInputs(db);
    const fresh = await readInputs(db);
    // What is kept reads exactly as the database does now, row and evaluation input alike.
    expect(JSON.stringify(after.rows)).toBe(JSON.stringify(fresh.rows));
    expect(JSON.stringify(after.inputs)).toBe(JSON.stringify(fresh.inputs));
    expect(after.inputs.filter((x) => before.inputs.includes(x))).toEqual([]);
    const i = after.rows.findIndex((r) => r.facility_id === moved.facility_id);
    expect(after.rows[i]!.lon).toBeCloseTo(moved.lon + 0.05, 9);
    // A cost-only re-rank reads them from memory: the very objects.
    const cheaper = parseParameters({ spatial: { ...A.spatial, maxFibreDropM: 10_000 }, fibre: { perKmUsd: 5200 } });
    expect((await recompute(db, cheaper)).measured).toBe(0);
    expect((await facilityInputs(db)).inputs[0]).toBe(after.inputs[0]);
  }, 120_000);

  // Review F3: results and plan_state were committed apart. When the state save failed, B's results
  // stayed under A's state, and a re-rank back to A found nothing to do and kept them.
  it('keeps the results and plan_state of a run together when saving the state fails', async () => {
    const db = await planned();
    const fullA = await results(db);
    await failNextStateSave(db);
    await expect(recompute(db, B)).rejects.toThrow('plan_state save fails (test)');
    await recompute(db, A);
    expect(await results(db)).toBe(fullA);
    expect((await recompute(db, B)).write).toBe('update');
    expect(await results(db)).toBe(await rebuilt(db, B));
  }, 120_000);

  // On PostgreSQL a cost-only re-rank sends figures while it evaluates the next (recompute.ts
  // costOnlySlice): a statement failing midway, with others sent before it and evaluation still to
  // come, must leave nothing of the run behind, and the next runs must work from the table as it is.
  it.runIf(serverUrl)('keeps the table as it was when the third figures statement of a cost-only re-rank fails', async () => {
    const db = await planned();
    const fullA = await results(db);
    costOnlySlice.facilities = 40;
    await db.exec(`
      CREATE SEQUENCE figure_statements;
      CREATE FUNCTION figure_statement_fails() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF nextval('figure_statements') = 3 THEN RAISE EXCEPTION 'figure update fails (test)'; END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER figure_statement_fails BEFORE UPDATE ON plan_result FOR EACH STATEMENT EXECUTE FUNCTION figure_statement_fails();`);
    // Raised only if the figures went out in three statements or more (one statement would never reach it).
    await expect(recompute(db, B)).rejects.toThrow('figure update fails (test)');
    expect(await results(db)).toBe(fullA);
    await db.exec('DROP TRIGGER figure_statement_fails ON plan_result');
    expect((await recompute(db, A)).costs).toBe('unchanged');
    expect((await recompute(db, B)).write).toBe('update');
    expect(await results(db)).toBe(await rebuilt(db, B));
  }, 120_000);

  it('sends the figures of a cost-only re-rank slice by slice on PostgreSQL, all at once on the embedded database', async () => {
    const db = await planned();
    costOnlySlice.facilities = 40;
    const statements: string[] = [];
    const watched = { ...db, transaction: (fn: (tx: Queryable) => Promise<unknown>) => db.transaction((tx) => fn({ ...tx, query: (sql: string, params?: readonly unknown[]) => { if (sql.startsWith('-- Cost-only re-rank')) statements.push(sql); return tx.query(sql, params as never); } } as Queryable)) } as unknown as TestDatabase;
    expect((await recompute(watched, B)).write).toBe('update');
    // PostgreSQL: one statement per slice that moved figures (several); embedded: all at once.
    if (serverUrl) expect(statements.length).toBeGreaterThan(2);
    else expect(statements).toHaveLength(1);
  }, 120_000);

  // The same window for the measures, which commit before the results: after a failed re-measure
  // (spatial parameters, or a facility's row) the next run must not take the new measures as the old ones.
  it('measures again after a re-measure whose state save failed', async () => {
    const db = await planned();
    await failNextStateSave(db);
    await expect(recompute(db, S)).rejects.toThrow('plan_state save fails (test)');
    expect((await recompute(db, B)).spatial).toBe('full');
    expect(await results(db)).toBe(await rebuilt(db, B));
  }, 120_000);

  it('shows a renamed facility after a run whose state save failed', async () => {
    const db = await planned();
    await failNextStateSave(db);
    await db.exec(`UPDATE facility SET name_en = 'Aqsu lyceum' WHERE id = 'f1'`);
    await expect(recompute(db, A)).rejects.toThrow('plan_state save fails (test)');
    await recompute(db, A);
    const renamed = await results(db);
    expect(renamed).toContain('aqsu lyceum');
    expect(renamed).toBe(await rebuilt(db, A));
  }, 120_000);

  // At national scale the write's statements are sent from a thread of its own (PostgreSQL,
  // db/server-thread.ts): a rebuild, the updates and a failed state save's rollback go that way.
  it('writes the very same table when its statements are sent from a thread of its own', async () => {
    resultWriteThread.minRows = 0;
    const db = await planned();
    let onThread = 0;
    const viaThread = db.transactionOnThread;
    if (viaThread) db.transactionOnThread = (fn) => (onThread++, viaThread(fn));
    const a = await rebuilt(db, A); // TRUNCATE, LOCK TABLE, INSERT, indexes: on the thread
    expect((await recompute(db, B)).write).toBe('update');
    const b = await results(db);
    expect((await recompute(db, S)).write).toBe('update');
    const s = await results(db);
    await failNextStateSave(db);
    await expect(recompute(db, A)).rejects.toThrow('plan_state save fails (test)');
    expect(await results(db)).toBe(s);
    expect(onThread).toBe(serverUrl ? 4 : 0);

    resultWriteThread.minRows = THREAD_MIN_ROWS;
    const ref = await planned();
    expect(a).toBe(await results(ref));
    await recompute(ref, B);
    expect(b).toBe(await results(ref));
    await recompute(ref, S);
    expect(s).toBe(await results(ref));
  }, 120_000);

  // A server or role that prints 15 digits (extra_float_digits = 0) must not round the copy read back.
  it.skipIf(!serverUrl)('sends a figure that differs past the 15th digit, whatever the server prints', async () => {
    const db = await planned();
    const name = new URL(db.url!).pathname.slice(1);
    await db.exec(`ALTER DATABASE "${name}" SET extra_float_digits = 0`);
    const FIG = ['gap_class', 'technology', 'capex_usd', 'opex_usd', 'tco_usd', 'tco_kzt', 'beneficiaries', 'score', 'rank',
      'measured_state', 'measured', 'measured_flag', 'in_scope', 'underserved', 'standalone_tco_usd', 'share_group'];
    const rows = await db.query<Record<string, unknown>>(
      `SELECT facility_id, ${FIG.map((k) => (k === 'opex_usd' ? 'opex_usd_per_year AS opex_usd' : k)).join(', ')} FROM plan_result LEFT JOIN plan_rank USING (facility_id) ORDER BY facility_id`,
    );
    const id = rows.find((r) => r.capex_usd !== null)!.facility_id as string;
    await db.exec(`UPDATE plan_result SET capex_usd = 0.30000000000000004 WHERE facility_id = '${id}'`);
    const cols: Record<string, unknown[]> = { facility_id: rows.map((r) => r.facility_id) };
    for (const k of FIG) cols[k] = rows.map((r) => (r.facility_id === id && k === 'capex_usd' ? 0.3 : r[k]));
    const other = await openDatabase({ databaseUrl: db.url! }); // another process: no copy of its own
    try {
      await writeResults(other, cols, 'update');
    } finally {
      await other.close();
    }
    const [held] = await db.query<{ c: string }>(`SELECT capex_usd::text AS c FROM plan_result WHERE facility_id = '${id}'`);
    expect(held!.c).toBe('0.3');
  }, 120_000);

  // A writer that holds a lock on plan_result or plan_rank when a write starts: one waits for the other,
  // neither fails (the write locks the tables it writes whole, and plan_rank always, before the stamp,
  // which such a writer's statement takes after its table). Not covered: another transaction that
  // writes plan_result and then plan_rank while a cost-only re-rank starts (it can deadlock, as a
  // transaction writing plan_result twice could before; PostgreSQL ends one of them).
  it.skipIf(!serverUrl).each([
    ['plan_result', 'a rewrite', true, 'UPDATE plan_result SET score = score WHERE facility_id = $1'],
    ['plan_rank', 'a rewrite', true, 'UPDATE plan_rank SET rank = rank WHERE facility_id = $1'],
    ['plan_rank', 'a cost-only re-rank', false, 'UPDATE plan_rank SET rank = rank WHERE facility_id = $1'],
  ] as const)('lets another writer of %s and %s wait for each other without a deadlock', async (table, _what, full, update) => {
    const db = await planned();
    const writer = new pg.Client({ connectionString: db.url });
    await writer.connect();
    try {
      const [{ id }] = (await writer.query<{ id: string }>(`SELECT facility_id AS id FROM ${table} ORDER BY facility_id LIMIT 1`)).rows as [{ id: string }];
      await writer.query('BEGIN');
      await writer.query(`SELECT 1 FROM ${table} WHERE facility_id = $1 FOR UPDATE`, [id]);
      const write = recompute(db, full ? A : B, { full });
      // The write now waits for the writer's lock on the table (a lock not granted), holding the stamp's
      // row lock neither before nor after.
      const waiting = `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE NOT l.granted AND c.relname = $1`;
      for (let end = Date.now() + 60_000; (await writer.query<{ n: number }>(waiting, [table])).rows[0]!.n === 0;) {
        if (Date.now() > end) throw new Error(`the write never waited for the lock on ${table}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await writer.query(update, [id]);
      await writer.query('COMMIT');
      expect((await write).write).toBe(full ? 'rewrite' : 'update');
    } finally {
      await writer.end();
    }
  }, 120_000);
});
