// CSV cells that cannot run as spreadsheet formulas (CSV injection, OWASP): a text starting with
// = + - @ or a tab/CR gets a leading apostrophe, and every cell is quoted when it needs to be.
// Exports (gaps.csv, reports) build their rows with csvRow().

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // Numbers are data, not formulas: -12.5 stays -12.5.
  const numeric = typeof value === 'number' || typeof value === 'bigint';
  if (!numeric && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$|^'/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (RFC 4180, CRLF-terminated). */
export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
