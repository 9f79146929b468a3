// Migration 018's stamp holds only while every statement that writes plan_result (or plan_rank, 042)
// moves it: after all migrations both of its triggers must still be on each (a later migration that drops and
// re-creates the table would lose them, and a process would trust its copy of contents not there).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe('plan_result write stamp (migrations 018, 042)', () => {
  // plan_rank (042) holds the ranks of the same results: its writes must move the same stamp.
  it.each(['plan_result', 'plan_rank'])('has both triggers on %s after all migrations, enabled, before each statement', async (table) => {
    const rows = await db.query<{ name: string; enabled: string; def: string }>(
      `SELECT t.tgname AS name, t.tgenabled::text AS enabled, pg_get_triggerdef(t.oid) AS def
       FROM pg_trigger t WHERE t.tgrelid = $1::regclass AND NOT t.tgisinternal ORDER BY t.tgname`, [table],
    );
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining([`${table}_truncated`, `${table}_written`]));
    const by = new Map(rows.map((r) => [r.name, r]));
    expect(by.get(`${table}_written`)!.enabled).toBe('O');
    expect(by.get(`${table}_truncated`)!.enabled).toBe('O');
    expect(by.get(`${table}_written`)!.def).toMatch(new RegExp(`BEFORE INSERT OR DELETE OR UPDATE ON \\S*${table} FOR EACH STATEMENT EXECUTE FUNCTION \\S*plan_result_written\\(\\)`));
    expect(by.get(`${table}_truncated`)!.def).toMatch(new RegExp(`BEFORE TRUNCATE ON \\S*${table} FOR EACH STATEMENT EXECUTE FUNCTION \\S*plan_result_written\\(\\)`));
  });

  it.each(['plan_result', 'plan_rank'])('moves the stamp on a write of %s and on a TRUNCATE', async (table) => {
    const stamp = async () => (await db.query<{ s: string }>('SELECT stamp::text AS s FROM plan_result_write WHERE id = 1'))[0]!.s;
    const s0 = await stamp();
    await db.exec(`DELETE FROM ${table}`);
    const s1 = await stamp();
    await db.exec(`TRUNCATE ${table}`);
    const s2 = await stamp();
    expect(new Set([s0, s1, s2]).size).toBe(3);
  });
});
