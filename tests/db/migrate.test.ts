import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../server/src/db/migrate.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  it('are applied once each and recorded', async () => {
    const rows = await db.query<{ version: number }>('SELECT version FROM schema_migration ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(readMigrations().map((m) => m.version));
  });

  it('are safe to re-run: a second run applies nothing', async () => {
    expect(await migrate(db)).toEqual([]);
  });

  it('roll back a failing migration with its record', async () => {
    const bad = [{ version: 99999, name: 'broken', sql: 'CREATE TABLE half_done (x int); SELECT no_such_function();' }];
    await expect(migrate(db, bad)).rejects.toThrow(/no_such_function/);
    const left = await db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`);
    expect(left).toEqual([]);
    expect(await db.query('SELECT 1 FROM schema_migration WHERE version = 99999')).toEqual([]);
  });
});
