// Arrays are sent as their text (db/array-text.ts: JSON's form when nothing is escaped, node-postgres's
// element-by-element form otherwise). The plan write's tests compare a rebuild with an update, and both
// send arrays this way: only a round trip through the database itself can show that what is read back
// is what was sent, for every kind of value a plan writes. Runs on both backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrayText } from '../../server/src/db/array-text.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase({ migrate: false });
});
afterAll(async () => {
  await db?.close();
});

const texts = ['C:\\new', 'Аэродром "ШАРДАРА" Б/Д', 'Ақсу', 'школа № 5 «Айгөлек»', 'say "hi"', 'C:\\dir\\', '\\', '"', 'a,b', '{x}', ' lead and trail ', 'NULL', 'null', '',
  'new\nline', 'tab\there', 'bell\u0007', '\u001f', 'emoji 😀', 'ǅ ſ İ', 'line\u2028separator\u2029', null, 'x'.repeat(2000)];
const numbers = [0.1 + 0.2, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, -123456.789, 2 ** 53 + 2, 0, null, 1234.56];
const specials = [NaN, Infinity, -Infinity, 1.5, null];

async function readBack(sql: string, literal: string | null): Promise<unknown> {
  const [row] = await db.query<{ a: unknown }>(sql, [literal]);
  return row!.a;
}

describe('arrays sent as text', () => {
  it('reads back every text as sent: quotes, backslashes, control characters, NULL and "NULL"', async () => {
    expect(await readBack('SELECT $1::text[] AS a', arrayText(texts))).toEqual(texts);
    const plain = ['a', 'Ақсу', null, '', 'NULL', 'C:\\new', 'say "hi"'];
    expect(arrayText(plain)).toBe('{"a","Ақсу",null,"","NULL","C:\\\\new","say \\"hi\\""}'); // the JSON form
    expect(await readBack('SELECT $1::text[] AS a', arrayText(plain))).toEqual(plain);
  });

  it('reads back every double as the same number, NaN and the infinities too', async () => {
    expect(await readBack('SELECT $1::float8[] AS a', arrayText(numbers))).toEqual(numbers);
    expect(await readBack('SELECT $1::float8[] AS a', arrayText(specials))).toEqual(specials);
  });

  it('reads back integers and booleans', async () => {
    const ints = [1, -2, 2147483647, null, 0];
    const bools = [true, false, null, true];
    expect(await readBack('SELECT $1::int[] AS a', arrayText(ints))).toEqual(ints);
    expect(await readBack('SELECT $1::boolean[] AS a', arrayText(bools))).toEqual(bools);
  });

  it('sends a plain array parameter the same way (server backend: as text; embedded: its own serializer)', async () => {
    expect(await readBack('SELECT $1::text[] AS a', texts as never)).toEqual(texts);
    const [{ a }] = (await db.query<{ a: unknown }>('SELECT $1::float8[] AS a', [numbers])) as [{ a: unknown }];
    expect(a).toEqual(numbers);
  });
});
