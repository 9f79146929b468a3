// CSV for spreadsheets: UTF-8 with a BOM (Excel then reads Cyrillic and Kazakh correctly), CRLF,
// every field quoted, and formula injection defused (a cell starting = + - @ tab or CR gets a ').
const RISKY = /^[=+\-@\t\r]/;

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '""';
  let s = v instanceof Date ? v.toISOString() : String(v);
  // Plain negative numbers stay numbers; anything else that a spreadsheet would evaluate is quoted.
  if (RISKY.test(s) && !(typeof v === 'number')) s = `'${s}`;
  return `"${s.replaceAll('"', '""')}"`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
