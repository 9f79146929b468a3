// CSV for spreadsheets: UTF-8 with BOM (Excel then reads Cyrillic and Kazakh letters right), and
// cells that a spreadsheet would run as a formula (= + - @ tab CR first) prefixed with a quote.
export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  // Numbers are data, not formulas: a negative number stays a number.
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = String(v);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
