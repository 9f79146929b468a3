// A plan's chosen sites as a spreadsheet file: UTF-8 with a BOM (Excel then reads Cyrillic),
// headers and values in the user's language, `;` between cells for Excel set to ru/kk (where the
// comma is the decimal mark) or `,` otherwise. Cells a spreadsheet would run as a formula get an
// apostrophe. Pure: labels and number formatting come in as functions.
export const BOM = '\uFEFF';

export type CsvSeparator = ';' | ',';

export function csvCell(v: string | number | null | undefined, sep: CsvSeparator): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  // A plain number (-12,5 included) stays a number; other text that starts like a formula does not.
  const safe = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !/^-\d+([.,]\d+)?$/.test(s) ? `'${s}` : s;
  return safe.includes(sep) || /["\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Numbers in a `;` file use the decimal comma so Excel (ru/kk) reads them as numbers. */
export function csvNumber(n: number | null | undefined, sep: CsvSeparator, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  const s = digits === 0 ? String(Math.round(n)) : String(Number(n.toFixed(digits)));
  return sep === ';' ? s.replace('.', ',') : s;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>, sep: CsvSeparator): string {
  const line = (r: ReadonlyArray<string | number | null | undefined>) => r.map((c) => csvCell(c, sep)).join(sep);
  return BOM + [line(header), ...rows.map(line)].join('\r\n') + '\r\n';
}
