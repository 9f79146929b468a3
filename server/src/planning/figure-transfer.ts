// The figure columns of an evaluation share as they cross between threads (evaluate-pool.ts): numbers,
// booleans and texts packed into typed arrays that are handed over (transferred), not copied value by
// value. Structured clone of 250,000 facilities' columns as JS arrays took ≈ 0.5 s to send on the
// worker and ≈ 1 s to receive on the caller's thread, one share after the other (500,000 facilities,
// measured): as long as the evaluation it carried. Every value comes back as it went: a column holding
// anything else than numbers, booleans or texts (with nulls) travels as it is.

/** One column, packed. `text`: code 0 is null, code n is `texts[n - 1]`; `boolean`: 0, 1, or 2 for null. */
export type PackedColumn =
  | { kind: 'number'; values: Float64Array; isNull: Uint8Array }
  | { kind: 'boolean'; values: Uint8Array }
  | { kind: 'text'; codes: Uint32Array; texts: string[] }
  | { kind: 'plain'; values: unknown[] };

export type PackedColumns = { columns: Record<string, PackedColumn>; transfer: ArrayBuffer[] };

/** Packs every column of `cols` (equal lengths); `transfer`: the buffers to hand over with the message. */
export function packColumns(cols: Record<string, readonly unknown[]>): PackedColumns {
  const columns: Record<string, PackedColumn> = {};
  const transfer: ArrayBuffer[] = [];
  for (const [k, v] of Object.entries(cols)) {
    const c = (columns[k] = packColumn(v));
    if (c.kind === 'number') transfer.push(c.values.buffer as ArrayBuffer, c.isNull.buffer as ArrayBuffer);
    else if (c.kind === 'boolean') transfer.push(c.values.buffer as ArrayBuffer);
    else if (c.kind === 'text') transfer.push(c.codes.buffer as ArrayBuffer);
  }
  return { columns, transfer };
}

/** packColumns of rows `rows` of `cols` only (a slice of a share, in the order of `rows`). */
export function packRows(cols: Record<string, readonly unknown[]>, rows: readonly number[]): PackedColumns {
  const picked: Record<string, unknown[]> = {};
  for (const [k, v] of Object.entries(cols)) picked[k] = rows.map((i) => v[i]);
  return packColumns(picked);
}

/** The kind every value of `values` fits (nulls fit all), or 'plain'. */
function kindOf(values: readonly unknown[]): PackedColumn['kind'] {
  let kind: 'number' | 'boolean' | 'text' | null = null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) continue;
    const t = typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : typeof v === 'string' ? 'text' : 'plain';
    if (t === 'plain' || (kind !== null && t !== kind)) return 'plain'; // undefined (a hole) too
    kind = t;
  }
  return kind ?? 'number'; // all null: a null mask
}

export function packColumn(values: readonly unknown[]): PackedColumn {
  const n = values.length;
  switch (kindOf(values)) {
    case 'number': {
      const out = new Float64Array(n), isNull = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v === null) isNull[i] = 1;
        else out[i] = v as number;
      }
      return { kind: 'number', values: out, isNull };
    }
    case 'boolean': {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = values[i] === null ? 2 : values[i] ? 1 : 0;
      return { kind: 'boolean', values: out };
    }
    case 'text': {
      const codes = new Uint32Array(n), texts: string[] = [], codeOf = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const v = values[i] as string | null;
        if (v === null) continue;
        let c = codeOf.get(v);
        if (c === undefined) codeOf.set(v, (c = texts.push(v)));
        codes[i] = c;
      }
      return { kind: 'text', codes, texts };
    }
    default:
      return { kind: 'plain', values: values as unknown[] }; // copied by the message
  }
}

/** Writes value j of `c` into `to[at[j]]` (a share's rows back in the order of the whole input). */
export function unpackInto(to: unknown[], c: PackedColumn, at: readonly number[]): void {
  const n = at.length;
  if (c.kind === 'number') {
    const { values, isNull } = c;
    for (let j = 0; j < n; j++) to[at[j]!] = isNull[j] ? null : values[j];
  } else if (c.kind === 'boolean') {
    const { values } = c;
    for (let j = 0; j < n; j++) to[at[j]!] = values[j] === 2 ? null : values[j] === 1;
  } else if (c.kind === 'text') {
    const { codes, texts } = c;
    for (let j = 0; j < n; j++) to[at[j]!] = codes[j] === 0 ? null : texts[codes[j]! - 1];
  } else {
    const { values } = c;
    for (let j = 0; j < n; j++) to[at[j]!] = values[j];
  }
}
