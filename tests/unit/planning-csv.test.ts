// Spreadsheet-safe CSV cells.
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../server/src/planning/csv.ts';

describe('csvCell', () => {
  const cases: Array<[unknown, string]> = [
    ['Ақсу', 'Ақсу'],
    ['=1+1', "'=1+1"],
    ['+7 701', "'+7 701"],
    ['-x', "'-x"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    [-12.5, '-12.5'],
    [null, ''],
  ];
  for (const [v, want] of cases) it(`${JSON.stringify(v)} → ${JSON.stringify(want)}`, () => expect(csvCell(v)).toBe(want));
  it('ends lines with CRLF', () => expect(csvLine(['a', 1])).toBe('a,1\r\n'));
});
