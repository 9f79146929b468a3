// Raw varbinds as net-snmp hands them over → typed values. Pure: the ASN.1 tags are the wire
// numbers (RFC 2578 / RFC 3416), so recorded replies can be replayed in unit tests.
export type VarbindKind =
  | 'integer'
  | 'octets'
  | 'oid'
  | 'ipaddress'
  | 'counter32'
  | 'gauge32'
  | 'timeticks'
  | 'counter64'
  | 'noSuchObject'
  | 'noSuchInstance'
  | 'endOfMibView'
  | 'null'
  | 'other'
  /** The device sent bytes that are not a valid value of their type; `value` says why. */
  | 'malformed';

const TAG_KIND: Record<number, VarbindKind> = {
  2: 'integer',
  4: 'octets',
  5: 'null',
  6: 'oid',
  64: 'ipaddress',
  65: 'counter32',
  66: 'gauge32',
  67: 'timeticks',
  70: 'counter64',
  128: 'noSuchObject',
  129: 'noSuchInstance',
  130: 'endOfMibView',
};

export type Varbind = { oid: string; kind: VarbindKind; value: number | bigint | string | null };

/**
 * Counter64 arrives as the BER content octets: 1 to 9 bytes, big-endian, with a leading zero byte
 * when the top bit of the value is set (so a 2^64−1 counter is 9 bytes: 00 FF×8). Decoded exactly.
 */
export function decodeCounter64(buf: Uint8Array): bigint {
  if (buf.length === 0 || buf.length > 9) throw new Error(`Counter64 of ${buf.length} bytes (expected 1–9)`);
  if (buf.length === 9 && buf[0] !== 0) throw new Error('Counter64 of 9 bytes must start with a zero byte');
  let v = 0n;
  for (const b of buf) v = (v << 8n) | BigInt(b);
  return v;
}

function isBytes(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array;
}

/** Never throws: it runs inside net-snmp's socket callback, where a throw kills the process. A
 * value that cannot be decoded becomes kind `malformed` with the reason as its value. */
export function normalizeVarbind(raw: { oid: string; type: number; value: unknown }): Varbind {
  const kind = TAG_KIND[raw.type] ?? 'other';
  const v = raw.value;
  switch (kind) {
    case 'counter64':
      if (isBytes(v)) {
        try {
          return { oid: raw.oid, kind, value: decodeCounter64(v) };
        } catch (err) {
          return { oid: raw.oid, kind: 'malformed', value: (err as Error).message };
        }
      }
      if (typeof v === 'number' || typeof v === 'bigint') return { oid: raw.oid, kind, value: BigInt(v) };
      return { oid: raw.oid, kind: 'other', value: null };
    case 'integer':
    case 'counter32':
    case 'gauge32':
    case 'timeticks':
      return typeof v === 'number' ? { oid: raw.oid, kind, value: v } : { oid: raw.oid, kind: 'other', value: null };
    case 'octets':
      return { oid: raw.oid, kind, value: isBytes(v) ? Buffer.from(v).toString('utf8') : String(v ?? '') };
    case 'oid':
    case 'ipaddress':
      return { oid: raw.oid, kind, value: String(v) };
    default:
      return { oid: raw.oid, kind, value: null };
  }
}

export function isMissing(vb: Varbind | undefined): boolean {
  return !vb || vb.kind === 'noSuchObject' || vb.kind === 'noSuchInstance' || vb.kind === 'endOfMibView';
}
