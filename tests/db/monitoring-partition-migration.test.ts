// Migration 024 (issue 15): poll_sample becomes a table partitioned by day; the polls already
// stored move into it, replays of them are still refused, and a day without a partition yet
// lands in the default partition until the history job makes that day's partition.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../server/src/db/migrate.ts';
import { ensureSamplePartitions } from '../../server/src/monitoring/history.ts';
import { recordSamples } from '../../server/src/monitoring/store.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addSite, sample, seedFacilities } from './monitoring-fixtures.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase({ migrate: false });
});
afterAll(async () => db?.close());

const now = Date.now();
const recent = now - 3 * 86_400_000;

it('moves the stored polls into day partitions and keeps them idempotent', async () => {
  const all = readMigrations();
  // 027 (schedule, parent) only adds site columns today's createSite writes; the rest of the story is 024's.
  await migrate(db, all.filter((m) => m.version < 24 || m.version === 27));
  await seedFacilities(db);
  await addSite(db, 'mig-a');
  // Written as the code of the time wrote them (today's insert names the new primary key).
  for (const [id, at] of [['a:0', recent], ['a:60', recent + 60_000], ['a:old', recent - 17 * 86_400_000]] as const) {
    await db.query(`INSERT INTO poll_sample (sample_id, site_id, polled_at, outcome) VALUES ($1, 'mig-a', $2, 'up')`, [id, new Date(at)]);
  }
  await migrate(db, all);
  const rows = await db.query<{ part: string; n: number }>(
    `SELECT tableoid::regclass::text AS part, count(*)::int AS n FROM poll_sample GROUP BY 1 ORDER BY 1`);
  const day = new Date(recent).toISOString().slice(0, 10).replaceAll('-', '');
  expect(rows.reduce((t, r) => t + r.n, 0)).toBe(3);
  expect(rows.find((r) => r.part === 'poll_sample_default')).toBeUndefined();
  expect(rows.find((r) => r.part === `poll_sample_${day}`)?.n).toBe(2);
  const replay = { ...sample('mig-a', 60, {}, recent), sampleId: 'a:60' };
  expect(await recordSamples(db, [replay])).toMatchObject({ inserted: 0, duplicates: 1 });
  const [kind] = await db.query<{ relkind: string }>(`SELECT relkind::text FROM pg_class WHERE relname = 'poll_sample'`);
  expect(kind!.relkind).toBe('p');
});

it('parks a poll of a day without partition in the default partition, then moves it', async () => {
  const far = Date.UTC(2031, 2, 3, 12);
  await recordSamples(db, [sample('mig-a', 0, {}, far)]);
  const where = async () => (await db.query<{ part: string }>(
    `SELECT tableoid::regclass::text AS part FROM poll_sample WHERE polled_at = $1`, [new Date(far)]))[0]!.part;
  expect(await where()).toBe('poll_sample_default');
  expect(await ensureSamplePartitions(db, far, 1)).toBe(3);
  expect(await where()).toBe('poll_sample_20310303');
});
