// Migration 021: SLA targets stored as percentages under 020 become ratios.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../server/src/db/migrate.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase({ migrate: false });
});
afterAll(async () => db?.close());

it('converts 99.5 % to 0.995 and defaults to 0.99', async () => {
  const all = readMigrations();
  await migrate(db, all.filter((m) => m.version <= 20));
  await db.query(`INSERT INTO monitored_site (id, facility_id, name, host, snmp_version, credentials_enc, wan_if_index, sla_target, share_token)
    VALUES ('old', 'f', 'n', 'h', '2c', 'v1:x:y:z', 1, 99.5, 'tok-old-000000000000')`);
  await migrate(db, all);
  await db.query(`INSERT INTO monitored_site (id, facility_id, name, host, snmp_version, credentials_enc, wan_if_index, share_token)
    VALUES ('new', 'f', 'n', 'h', '2c', 'v1:x:y:z', 1, 'tok-new-000000000000')`);
  const rows = await db.query<{ id: string; sla_target: number }>('SELECT id, sla_target FROM monitored_site ORDER BY id');
  expect(rows).toEqual([{ id: 'new', sla_target: 0.99 }, { id: 'old', sla_target: 0.995 }]);
  await expect(db.query(`UPDATE monitored_site SET sla_target = 99 WHERE id = 'new'`)).rejects.toThrow(/sla_target_check/);
});
