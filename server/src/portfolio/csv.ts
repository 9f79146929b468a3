// Spreadsheet-safe CSV: UTF-8 BOM (Excel opens Cyrillic correctly), CRLF rows (RFC 4180), and
// text that a spreadsheet would run as a formula (= + - @ tab CR) prefixed with an apostrophe.
export type CsvValue = string | number | boolean | null | undefined;

export const BOM = '\uFEFF';

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  return BOM + lines.join('\r\n') + '\r\n';
}
