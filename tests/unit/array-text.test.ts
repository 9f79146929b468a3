import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { arrayText, withArraysAsText } from '../../server/src/db/array-text.ts';

// node-postgres's own conversion: the form taken when JSON's would escape something.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils') as { prepareValue: (v: unknown) => unknown };

describe('arrayText', () => {
  it("writes JSON's form when nothing needs escaping: quoted strings, bare numbers, booleans and null", () => {
    expect(arrayText(['a', 'Ақсу', null, undefined, '', 'a,b {c}'])).toBe('{"a","Ақсу",null,null,"","a,b {c}"}');
    expect(arrayText([1.5, -2, 0, 0.1 + 0.2, 1e21, true, false])).toBe('{1.5,-2,0,0.30000000000000004,1e+21,true,false}');
    expect(arrayText([])).toBe('{}');
    // JSON's \" and \\ are PostgreSQL's escapes too: a quote or a backslash keeps the JSON form.
    expect(arrayText(['say "hi"', 'C:\\new', null])).toBe('{"say \\"hi\\"","C:\\\\new",null}');
  });

  it("writes node-postgres's form when JSON would escape or could not write a value", () => {
    const cases: unknown[][] = [
      ['new\nline', 'say "hi"'], ['C:\\dir', 'bell\u0007', null], ['lone \ud800'], ['\\n', '\t'],
      [1.5, NaN], [Infinity, -Infinity, null], [12345678901234567890n, 1],
      Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? null : i === 4999 ? 'last\r' : `f-${i}"${i % 3 ? '\\' : ''}`)),
    ];
    for (const c of cases) expect(arrayText(c)).toBe(prepareValue(c));
    expect(arrayText(['a"b\n', null])).toBe('{"a\\"b\n",NULL}');
  });

  it('leaves to the driver what it does not write: nested arrays, buffers, dates, objects', () => {
    expect(arrayText([[1, 2]])).toBeNull();
    expect(arrayText([Buffer.from('x')])).toBeNull();
    expect(arrayText([new Date(0)])).toBeNull();
    expect(arrayText([{ a: 1 }])).toBeNull();
    expect(arrayText(new Float64Array([1.5, 2]) as unknown as number[])).toBeNull();
    const own = Object.assign(['x', 'y'], { toJSON: () => ['z'] });
    expect(arrayText(own)).toBe('{"x","y"}');
    expect(withArraysAsText([[[1]], 'x', 3, null])).toEqual([[[1]], 'x', 3, null]);
    expect(withArraysAsText([['a', null]])).toEqual(['{"a",null}']);
  });
});
