import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '../../server/src/access/csv-safe.ts';
import { hostileInput } from '../../server/src/access/hostile.ts';

describe('CSV cells cannot run as formulas', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","Click")', `"'=HYPERLINK(""http://evil.example"",""Click"")"`],
    ['+7 701 000 00 00', `"'+7 701 000 00 00"`], // a phone number written as text stays readable
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1:A9)', `"'@SUM(A1:A9)"`],
    ['\t=1', `"'\t=1"`],
    ['Ақсу мектебі', 'Ақсу мектебі'],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    [-12.5, '-12.5'],
    [null, ''],
  ])('%j → %s', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('joins a row with CRLF', () => {
    expect(csvRow(['id', 1, '=1'])).toBe(`id,1,"'=1"\r\n`);
  });
});

describe('hostile input guard', () => {
  it('refuses NUL characters in the URL or anywhere in the body, and overlong URLs', () => {
    expect(hostileInput('/api/users?q=a%00b', undefined)?.status).toBe(400);
    expect(hostileInput('/api/users', { a: [{ b: 'x\u0000' }] })?.status).toBe(400);
    expect(hostileInput('/api/users', { ['k\u0000']: 1 })?.status).toBe(400);
    expect(hostileInput(`/api/users?q=${'a'.repeat(9000)}`, undefined)?.status).toBe(414);
    expect(hostileInput('/api/users?q=Ақсу', { name: 'ok' })).toBeUndefined();
  });
});
