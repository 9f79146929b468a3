// Migration 018's stamp holds only while every statement that writes plan_result moves it: after all
// migrations both of its triggers must still be on plan_result (a later migration that drops and
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

describe('plan_result write stamp (migration 018)', () => {
  it('has both triggers on plan_result after all migrations, enabled, before each statement', async () => {
    const rows = await db.query<{ name: string; enabled: string; def: string }>(
      `SELECT t.tgname AS name, t.tgenabled::text AS enabled, pg_get_triggerdef(t.oid) AS def
       FROM pg_trigger t WHERE t.tgrelid = 'plan_result'::regclass AND NOT t.tgisinternal ORDER BY t.tgname`,
    );
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['plan_result_truncated', 'plan_result_written']));
    const by = new Map(rows.map((r) => [r.name, r]));
    expect(by.get('plan_result_written')!.enabled).toBe('O');
    expect(by.get('plan_result_truncated')!.enabled).toBe('O');
    expect(by.get('plan_result_written')!.def).toMatch(/BEFORE INSERT OR DELETE OR UPDATE ON \S*plan_result FOR EACH STATEMENT EXECUTE FUNCTION \S*plan_result_written\(\)/);
    expect(by.get('plan_result_truncated')!.def).toMatch(/BEFORE TRUNCATE ON \S*plan_result FOR EACH STATEMENT EXECUTE FUNCTION \S*plan_result_written\(\)/);
  });

  it('moves the stamp on a write and on a TRUNCATE', async () => {
    const stamp = async () => (await db.query<{ s: string }>('SELECT stamp::text AS s FROM plan_result_write WHERE id = 1'))[0]!.s;
    const s0 = await stamp();
    await db.exec('DELETE FROM plan_result');
    const s1 = await stamp();
    await db.exec('TRUNCATE plan_result');
    const s2 = await stamp();
    expect(new Set([s0, s1, s2]).size).toBe(3);
  });
});
