// The one CSV writer (server/src/csv.ts): every export, server and web, goes through it.
// Cases gathered from the five writers it replaced; where they disagreed, the OWASP rule won:
// a defused formula is prefixed with ' AND quoted; null is an empty, unquoted cell.
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, csvNumber, toCsv, type CsvValue } from '../../server/src/csv.ts';

describe('csvCell', () => {
  const cases: Array<[CsvValue, string]> = [
    ['Ақсу мектебі', 'Ақсу мектебі'],
    ['=HYPERLINK("http://evil.example","Click")', `"'=HYPERLINK(""http://evil.example"",""Click"")"`],
    ['=1+1', `"'=1+1"`],
    ['+7 701 000 00 00', `"'+7 701 000 00 00"`], // a phone number written as text stays readable
    ['-2+3', `"'-2+3"`],
    ['-x', `"'-x"`],
    ['@SUM(A1:A9)', `"'@SUM(A1:A9)"`],
    ['\t=1', `"'\t=1"`],
    ['\rx', `"'\rx"`],
    ['-12.5', '-12.5'], // text that is a plain number is data, not a formula
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['say "hi"', '"say ""hi"""'],
    [-12.5, '-12.5'],
    [Number.NaN, ''],
    [true, 'true'],
    [new Date(Date.UTC(2026, 10, 30, 7, 0)), '2026-11-30T07:00:00.000Z'],
    [null, ''],
    [undefined, ''],
  ];
  for (const [v, want] of cases) it(`${JSON.stringify(v)} → ${JSON.stringify(want)}`, () => expect(csvCell(v)).toBe(want));

  it('quotes the separator in force only', () => {
    expect(csvCell('Школа; №1', ';')).toBe('"Школа; №1"');
    expect(csvCell('a,b', ';')).toBe('a,b');
  });
});

describe('csvLine and toCsv', () => {
  it('ends lines with CRLF', () => expect(csvLine(['id', 1, '=1'])).toBe(`id,1,"'=1"\r\n`));
  it('starts a file with a BOM', () => expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n'));
  it('writes a `;` file for Excel set to ru/kk', () => {
    const text = toCsv(['Название', 'Стоимость, ₸'], [['Школа; №1', csvNumber(1234.5, ';', 1)], ['=cmd()', csvNumber(10, ';')]], ';');
    expect(text).toBe('\ufeffНазвание;Стоимость, ₸\r\n"Школа; №1";1234,5\r\n"\'=cmd()";10\r\n');
  });
  it('leaves negative numbers as numbers', () => {
    expect(toCsv(['a'], [[csvNumber(-12.5, ';', 1)], ['-x']], ';')).toBe('\ufeffa\r\n-12,5\r\n"\'-x"\r\n');
  });
  it('keeps the decimal point with a comma separator', () => {
    expect(toCsv(['a'], [[csvNumber(0.25, ',', 2)]], ',')).toBe('\ufeffa\r\n0.25\r\n');
  });
});
