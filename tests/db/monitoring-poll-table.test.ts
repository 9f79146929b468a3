// The derived insert and export, on both backends: every poll-table row has its poll_sample
// column (a migration), is stored exactly, and comes out of /metrics under its name with its help
// text and unit scale. With tests/unit/monitoring-poll-table.test.ts this proves the recipe
// "add a polled metric" (docs/recipes.md) complete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitoringMetrics } from '../../server/src/monitoring/metrics.ts';
import { POLL_TABLE } from '../../server/src/monitoring/poll-table.ts';
import { recordSamples } from '../../server/src/monitoring/store.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addSite, sample, seedFacilities } from './monitoring-fixtures.ts';

let db: TestDatabase;
let text: string;
// One value per row, distinct so a mixed-up column shows: 2^64 − 1 for Counter64 (why numeric(20));
// ifOperStatus 1 so the poll is `up`. Derived from the table: a new row needs no edit here.
const VALUES: Record<string, number | bigint> = Object.fromEntries(POLL_TABLE.map((r, i) => [
  r.name,
  r.source.kind === 'snmp' && r.source.type === 'counter64' ? 18446744073709551615n - BigInt(i) : r.name === 'ifOperStatus' ? 1 : 1000 + i,
]));

beforeAll(async () => {
  db = await openTestDatabase();
  await seedFacilities(db);
  await addSite(db, 'pt-1');
  await recordSamples(db, [sample('pt-1', 0, { ...(VALUES as object), counterBits: 64 }, Date.now() - 30_000)]);
  text = await createMonitoringMetrics().render(db);
});
afterAll(() => db?.close());

describe('every poll-table row', () => {
  for (const row of POLL_TABLE) {
    it(`${row.name}: stored in poll_sample.${row.column} exactly`, async () => {
      const [r] = await db.query<Record<string, unknown>>(`SELECT ${row.column}::text AS v FROM poll_sample WHERE site_id = 'pt-1'`);
      expect(r!.v).toBe(String(VALUES[row.name]));
    });

    it(`${row.name}: exported as ${row.metric.name} (${row.metric.kind}) with its help`, () => {
      expect(text).toContain(`# HELP ${row.metric.name} ${row.metric.help}`);
      expect(text).toContain(`# TYPE ${row.metric.name} ${row.metric.kind}`);
      const line = text.split('\n').find((l) => l.startsWith(`${row.metric.name}{site_id="pt-1"`));
      const want = Number(VALUES[row.name]) * ('scale' in row.metric ? row.metric.scale : 1);
      expect(Number(line?.split(' ').at(-1))).toBeCloseTo(want, 6);
    });
  }
});
