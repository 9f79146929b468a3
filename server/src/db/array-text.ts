// PostgreSQL's text form of a one-dimensional array of plain values (strings, numbers, booleans,
// nulls), built in one native pass. node-postgres appends element by element (`result += …`): a
// 20,000-element column becomes a rope of 40,000 pieces, and at national scale a plan write spent
// more time making its parameters than the server spent inserting them (docs/status.md, session 10).
// JSON.stringify is V8's fastest way to a flat string (≈ 4× Array.join on this machine), and JSON's
// array is PostgreSQL's array text when nothing in it is escaped: `"…"` quoted strings, bare numbers,
// `true`/`false` and `null` (bare NULL, any case), and JSON's `\"` and `\\` are PostgreSQL's escapes
// too. What JSON escapes otherwise (a control character, a lone surrogate: `\n`, `\u0007`, which
// PostgreSQL would read as `n`, `u0007`) or cannot write (NaN, ±Infinity, bigint) takes the
// element-by-element form node-postgres writes, so every array reads back as the same values.
const ESCAPES = /[\\"]/g;

/** The literal, or null for an array this does not handle (nested arrays, buffers, dates, objects). */
export function arrayText(values: readonly unknown[]): string | null {
  if (!Array.isArray(values)) return null; // a typed array would be written as an object
  let json = !('toJSON' in values); // JSON.stringify would write what an array's own toJSON returns
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'string' || v === null || v === undefined || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) json = false;
    } else if (typeof v === 'bigint') json = false;
    else return null;
  }
  if (json) {
    const text = JSON.stringify(values);
    if (text.indexOf('\\') < 0 || onlyQuotesEscaped(text)) return `{${text.slice(1, -1)}}`;
  }
  return elementByElement(values);
}

/** JSON text whose every escape is `\"` or `\\` (read left to right: an escaped backslash is one pair). */
function onlyQuotesEscaped(json: string): boolean {
  for (const m of json.matchAll(/\\./g)) if (m[0][1] !== '"' && m[0][1] !== '\\') return false;
  return true;
}

/** As node-postgres writes an array: every element quoted, `\` and `"` escaped, NULL bare. */
function elementByElement(values: readonly unknown[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    parts[i] = v === null || v === undefined ? 'NULL' : `"${String(v).replace(ESCAPES, '\\$&')}"`;
  }
  return `{${parts.join(',')}}`;
}

/** A statement's parameters with each plain array as its literal (the rest as given, for the driver). */
export function withArraysAsText(params: readonly unknown[]): unknown[] {
  return params.map((v) => (Array.isArray(v) ? (arrayText(v) ?? v) : v));
}
