// The one CSV writer (server exports and the web app's downloads): UTF-8 with a BOM so Excel reads
// Cyrillic and Kazakh letters, CRLF lines (RFC 4180), `,` or `;` between cells (`;` for Excel set
// to ru/kk, where the comma is the decimal mark). Pure, no I/O, no Node modules.
//
// Formula injection (OWASP "CSV Injection"): text that a spreadsheet would run as a formula
// (= + - @ tab CR first) gets a leading apostrophe and is quoted. A cell is otherwise quoted only
// when it must be (separator, quote, CR or LF inside). Empty for null, undefined and non-finite numbers.
export const BOM = '\uFEFF';

export type CsvSeparator = ',' | ';';
export type CsvValue = string | number | bigint | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
/** Text that is a plain number (-12.5, or -12,5 as csvNumber writes it for `;`) is data, not a formula. */
const PLAIN_NUMBER = /^-\d+([.,]\d+)?$/;

export function csvCell(v: CsvValue, sep: CsvSeparator = ','): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  const s = v instanceof Date ? v.toISOString() : v;
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) return quote(`'${s}`);
  return s.includes(sep) || /["\r\n]/.test(s) ? quote(s) : s;
}

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** One line, CRLF-terminated. */
export function csvLine(values: readonly CsvValue[], sep: CsvSeparator = ','): string {
  return `${values.map((v) => csvCell(v, sep)).join(sep)}\r\n`;
}

/** A whole file: BOM, header, rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], sep: CsvSeparator = ','): string {
  return BOM + [header, ...rows].map((r) => csvLine(r, sep)).join('');
}

/** Numbers in a `;` file use the decimal comma so Excel (ru/kk) reads them as numbers. */
export function csvNumber(n: number | null | undefined, sep: CsvSeparator, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  const s = digits === 0 ? String(Math.round(n)) : String(Number(n.toFixed(digits)));
  return sep === ';' ? s.replace('.', ',') : s;
}
