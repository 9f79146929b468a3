// PostgreSQL's COPY text format (one line a row, fields split by tabs, \N for NULL), for bulk
// inserts: the server reads each field with its column type's input function, with none of the
// array parsing and unnest of an INSERT … SELECT FROM unnest(arrays) (192,000 plan rows: 1.3 s by COPY
// in psql against 4.4–5.9 s for that INSERT with its parameters made beforehand; docs/status.md, session 16).
// Values are written as arrayText (array-text.ts) writes them, so both paths store the same values:
// numbers in JavaScript's shortest round-trip form (exactly the double back), booleans as
// true/false, undefined as NULL. Pure.

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPE_ALL = /[\\\t\n\r]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const TAB = 9, NEWLINE = 10;

/** A field's text, or null for NULL; `column` and `row` name a value that has no text form. */
function field(v: unknown, column: string, row: number): string | null {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
      return NEEDS_ESCAPE.test(v) ? v.replace(ESCAPE_ALL, (c) => ESCAPED[c]!) : v;
    case 'number':
    case 'bigint':
      return String(v); // NaN, Infinity and -Infinity are float8's own spellings
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      throw new TypeError(`column ${column}, row ${row + 1}: a ${typeof v === 'object' ? (v.constructor?.name ?? 'object') : typeof v} has no COPY text form`);
  }
}

/**
 * Writes `text` as UTF-8 at `at`, returns where it ends. Short ASCII (codes, numbers, most ids)
 * byte by byte: a native write per field cost more than the copying (6 M fields in a national slice set).
 */
function put(buf: Buffer, at: number, text: string): number {
  if (text.length <= 32) {
    let i = 0;
    for (; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) break;
      buf[at + i] = code;
    }
    if (i === text.length) return at + i;
  }
  return at + buf.write(text, at, 'utf8');
}

/**
 * The COPY text of `rows` rows, UTF-8 encoded: field c of row r is `columns[c][r]`, columns named by
 * `names` (for the error of a value that cannot be written). Every line ends in a newline. Written
 * field by field into one buffer: the driver sends bytes, and the same fields joined into a string,
 * then encoded, took about twice as long (measured on 100,000 rows of 32 fields).
 */
export function copyRows(names: readonly string[], columns: readonly ArrayLike<unknown>[], rows: number): Uint8Array<ArrayBuffer> {
  // Room for ≈ 32 bytes a field (a national result row is ≈ 850 bytes of 32 fields); it doubles when short.
  // Never a view into Node's shared pool (a small buffer would be): a thread is sent the whole of it.
  let buf = Buffer.allocUnsafeSlow(Math.max(1024, rows * columns.length * 32));
  let at = 0;
  const last = columns.length - 1;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c <= last; c++) {
      const text = field(columns[c]![r], names[c]!, r);
      // Room for the field's every UTF-16 unit as 3 bytes, and its separator (or \N).
      const need = (text === null ? 2 : text.length * 3) + 1;
      if (at + need > buf.length) {
        const more = Buffer.allocUnsafeSlow(Math.max(buf.length * 2, at + need));
        buf.copy(more, 0, 0, at);
        buf = more;
      }
      if (text === null) {
        buf[at++] = 0x5c; // \N
        buf[at++] = 0x4e;
      } else at = put(buf, at, text);
      buf[at++] = c === last ? NEWLINE : TAB;
    }
  }
  return buf.subarray(0, at);
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const scratch = new DataView(new ArrayBuffer(8));
function doubleHex(x: number): string {
  scratch.setFloat64(0, x, true);
  let s = '';
  for (let i = 0; i < 8; i++) s += HEX[scratch.getUint8(i)]!;
  return s;
}

/**
 * A point as PostGIS reads it from text: hex extended WKB (little endian, type 1 with the SRID flag,
 * then the SRID and the two doubles), the very coordinates given, with no decimal text to round;
 * null when either coordinate is missing. Unlike ST_MakePoint, -0 stays -0, and NaN for both reads as
 * an empty point (no facility has either: its coordinates come from a stored geometry).
 */
export function pointEwkb(lon: number | null | undefined, lat: number | null | undefined, srid: number): string | null {
  if (lon === null || lon === undefined || lat === null || lat === undefined) return null;
  scratch.setUint32(0, srid, true);
  let sridHex = '';
  for (let i = 0; i < 4; i++) sridHex += HEX[scratch.getUint8(i)]!;
  return `0101000020${sridHex}${doubleHex(lon)}${doubleHex(lat)}`;
}
