// The evaluation inputs read as one JSON array per page (embedded: result-inputs-page.sql) are the
// very rows result-inputs.sql gives, value for value: doubles to the last bit, integers, booleans,
// nulls, text with quotes and non-Latin letters. On the server both reads are rows (the test still
// runs: the paged, per-facility and per-settlement reads agree with the plain query).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSql, runSql } from '../../server/src/db/sql.ts';
import { inputOf, inputPages, settlementInputs, type InputRow } from '../../server/src/planning/inputs.ts';
import { parseParameters } from '../../server/src/planning/parameters.ts';
import { recompute } from '../../server/src/planning/recompute.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { insertFixture } from './planning-support/fixture.ts';

const resultInputs = loadSql(new URL('../../server/src/planning/', import.meta.url).href, './result-inputs.sql');
const all = { id: null, settlement: null, after: '', limit: 100_000, parts: null, part: null };

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
  await insertFixture(db);
  // Awkward values: a double that is not short in decimal, one near the last bit, a name with a quote,
  // a backslash and Kazakh letters.
  await db.exec(`UPDATE facility SET measured_mbps = 0.1::float8 + 0.2::float8, name = 'Ақсу "№1" \\ мектеп' WHERE id = 'f1'`);
  await db.exec(`UPDATE facility SET measured_mbps = 1.0000000000000002::float8, geom = ST_SetSRID(ST_MakePoint(71.00000000000001, 49.000000000000014), 4326) WHERE id = 'f5'`);
  await recompute(db, parseParameters({ baseYear: 2026 }));
}, 120_000);
afterAll(async () => db?.close());

describe('evaluation inputs read page by page', () => {
  it('are the rows of result-inputs.sql, value for value', async () => {
    const rows = await runSql<InputRow>(db, resultInputs, all);
    const paged: InputRow[] = [];
    const sizes: number[] = [];
    for await (const page of inputPages(db, 3)) {
      paged.push(...page);
      sizes.push(page.length);
    }
    expect(sizes.slice(0, -1).every((n) => n === 3) && sizes.at(-1)! <= 3 && sizes.length === Math.ceil(rows.length / 3)).toBe(true);
    expect(paged.length).toBe(rows.length);
    expect(paged).toStrictEqual(rows);
    const f1 = paged.find((r) => r.facility_id === 'f1')!;
    expect(f1.measured_mbps).toBe(0.1 + 0.2);
    expect(f1.name).toBe('Ақсу "№1" \\ мектеп');
    const f5 = paged.find((r) => r.facility_id === 'f5')!;
    expect([f5.measured_mbps, f5.lon, f5.lat]).toEqual([1.0000000000000002, 71.00000000000001, 49.000000000000014]);
  });

  it('share by share are the same rows, each settlement in one share', async () => {
    const rows = await runSql<InputRow>(db, resultInputs, all);
    const shares: InputRow[][] = [];
    for (let part = 0; part < 3; part++) {
      const got: InputRow[] = [];
      for await (const page of inputPages(db, 2, { part, parts: 3 })) got.push(...page);
      shares.push(got);
    }
    const byId = (a: InputRow, b: InputRow) => (a.facility_id < b.facility_id ? -1 : 1);
    expect(shares.flat().sort(byId)).toStrictEqual([...rows].sort(byId));
    for (const s of ['s-aqsu', 's-far']) expect(shares.filter((sh) => sh.some((r) => r.settlement_id === s)).length).toBe(1);
  });

  it('of one facility and of one settlement are the same rows', async () => {
    const rows = await runSql<InputRow>(db, resultInputs, all);
    expect(await inputOf(db, 'f3')).toStrictEqual(rows.find((r) => r.facility_id === 'f3'));
    expect(await settlementInputs(db, 's-aqsu')).toStrictEqual(rows.filter((r) => r.settlement_id === 's-aqsu'));
    expect(await inputOf(db, 'nope')).toBeUndefined();
  });
});
