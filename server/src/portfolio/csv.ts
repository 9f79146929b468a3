// Spreadsheet-safe CSV: UTF-8 BOM (Excel opens Cyrillic correctly), CRLF rows (RFC 4180), and
// text that a spreadsheet would run as a formula (= + - @ tab CR) prefixed with an apostrophe.
// With ';' (Excel in Russian or Kazakh) numbers get a decimal comma, as that Excel reads them.
export type CsvValue = string | number | boolean | null | undefined;
export type CsvSeparator = ',' | ';';

export const BOM = '\uFEFF';

export function csvCell(v: CsvValue, sep: CsvSeparator = ','): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? (sep === ';' ? String(v).replace('.', ',') : String(v)) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return safe.includes(sep) || /["\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], sep: CsvSeparator = ','): string {
  const line = (r: readonly CsvValue[]) => r.map((c) => csvCell(c, sep)).join(sep);
  return BOM + [line(header), ...rows.map(line)].join('\r\n') + '\r\n';
}
