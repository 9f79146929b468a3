import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrayText } from '../../server/src/db/array-text.ts';
import { assertCopyFromStdin, blobCopy } from '../../server/src/db/blob-copy.ts';
import { copyRows, pointEwkb } from '../../server/src/db/copy-text.ts';

const text = (names: string[], columns: unknown[][]) => Buffer.from(copyRows(names, columns, columns[0]!.length)).toString('utf8');

describe('copyRows (COPY text format)', () => {
  it('writes one line a row, fields split by tabs, NULL as \\N, values as array-text writes them', () => {
    expect(text(['id', 'name', 'x', 'ok'], [['a', 'b'], ['Ақсу', null], [1.5, 0.1 + 0.2], [true, undefined]]))
      .toBe('a\tАқсу\t1.5\ttrue\nb\t\\N\t0.30000000000000004\t\\N\n');
    expect(text(['x'], [[1e21, -2, 0, -0, 5e-324, NaN, Infinity, -Infinity, 12345678901234567890n, false]]))
      .toBe('1e+21\n-2\n0\n0\n5e-324\nNaN\nInfinity\n-Infinity\n12345678901234567890\nfalse\n');
    expect(text(['x'], [[]])).toBe('');
  });

  it('escapes what COPY reads specially: backslash, tab, newline, carriage return (and a literal \\N)', () => {
    expect(text(['s'], [['C:\\new', 'tab\there', 'two\nlines', 'cr\r', '\\N', 'say "hi"', 'bell\u0007']]))
      .toBe('C:\\\\new\ntab\\there\ntwo\\nlines\ncr\\r\n\\\\N\nsay "hi"\nbell\u0007\n');
  });

  it('writes UTF-8, short and long, ASCII or not, and grows past its first guess of room', () => {
    const long = 'школа № 5 «Айгөлек» '.repeat(3000); // ≈ 60,000 UTF-16 units, far past 1 KB
    const ascii = 'x'.repeat(33);
    expect(text(['a', 'b', 'c'], [['Қ', long], [ascii, 'ə'], ['€😀', '']])).toBe(`Қ\t${ascii}\t€😀\n${long}\tə\t\n`);
  });

  it('writes every finite number and boolean as the array text of the INSERT it replaced did', () => {
    fc.assert(fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()), (v) => {
      expect(text(['v'], [[v]])).toBe(arrayText([v])!.slice(1, -1) + '\n');
    }), { numRuns: 2000 });
  });

  it('names the column and the row of a value that has no text form', () => {
    expect(() => copyRows(['id', 'at'], [['a', 'b'], [null, new Date(0)]], 2)).toThrow('column at, row 2: a Date has no COPY text form');
    expect(() => copyRows(['id'], [[{}]], 1)).toThrow('column id, row 1: a Object has no COPY text form');
  });
});

describe('pointEwkb', () => {
  it('is the point as hex extended WKB, little endian, with its SRID (worked by hand)', () => {
    // 01 (little endian) | 01000020 (point, SRID flag) | e6100000 (4326) | 1.0 | 2.0
    expect(pointEwkb(1, 2, 4326)).toBe('0101000020e6100000000000000000f03f0000000000000040');
    // -0.5 = 0xbfe0000000000000
    expect(pointEwkb(-0.5, 0, 3857)).toBe('0101000020110f0000000000000000e0bf0000000000000000');
    expect(pointEwkb(null, 2, 4326)).toBeNull();
    expect(pointEwkb(1, undefined, 4326)).toBeNull();
  });
});

describe('blobCopy (the embedded spelling of COPY … FROM STDIN)', () => {
  it("reads the rows from PGlite's /dev/blob", () => {
    expect(blobCopy('-- a comment\nCOPY t (a, b)\nFROM STDIN')).toBe("-- a comment\nCOPY t (a, b)\nFROM '/dev/blob'");
    expect(blobCopy('copy t from stdin')).toBe("copy t FROM '/dev/blob'");
  });
  it('refuses anything but a COPY from STDIN', () => {
    expect(() => blobCopy('INSERT INTO t SELECT 1')).toThrow('copyFrom takes a COPY … FROM STDIN statement');
    expect(() => blobCopy("COPY t FROM '/etc/passwd'")).toThrow('copyFrom takes a COPY … FROM STDIN statement');
    expect(() => assertCopyFromStdin('-- COPY t FROM STDIN\nSELECT 1')).toThrow('copyFrom takes a COPY … FROM STDIN statement');
  });
  it('leaves a FROM STDIN in a leading comment alone', () => {
    expect(blobCopy('-- reads FROM STDIN\nCOPY t FROM STDIN')).toBe("-- reads FROM STDIN\nCOPY t FROM '/dev/blob'");
  });
});
