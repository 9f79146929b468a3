// The malformed-reply corpus (issue 12): replies a broken or hostile device may send to one poll's
// GET. Each case changes one thing in an otherwise good reply: a varbind of the wrong length for
// its type, NUL and control bytes, a truncated PDU. The agent must record an `error` outcome whose
// message says what was wrong — never crash, never "Socket forcibly closed".
import { pollVarbinds } from '../../../server/src/monitoring/poll-table.ts';
import { responseFor, TAG, tlv, val, type GetRequest, type Reply } from './fake-device.ts';

/** A good reply's values by MIB name (the poll table's varbinds): up, 64-bit counters. */
export function goodValues(): Record<string, Buffer> {
  return {
    sysUpTime: val.int(123_456, TAG.timeticks),
    snmpEngineBoots: val.int(3),
    ifOperStatus: val.int(1),
    ifAdminStatus: val.int(1),
    ifHCInOctets: val.int(1_000_000_000_000n, TAG.counter64),
    ifHCOutOctets: val.int(2_000_000_000_000n, TAG.counter64),
    ifHighSpeed: val.int(100, TAG.gauge32),
    ifCounterDiscontinuityTime: val.int(0, TAG.timeticks),
    ifInOctets: val.int(1000, TAG.counter32),
    ifOutOctets: val.int(2000, TAG.counter32),
    ifInErrors: val.int(7, TAG.counter32),
    ifOutErrors: val.int(0, TAG.counter32),
  };
}

/** The values for the OIDs asked, in the order asked, matched by OID through the poll table. */
export function valuesFor(req: GetRequest, override: Record<string, Buffer> = {}): Buffer[] {
  const good = { ...goodValues(), ...override };
  return req.oids.map((oid) => {
    const v = pollVarbinds(Number(oid.split('.').pop())).find((p) => p.oid === oid);
    return (v && good[v.mib]) ?? val.raw(0x80, []) // noSuchObject;
  });
}

function withField(mib: string, value: Buffer): Reply {
  return (req) => responseFor(req, valuesFor(req, { [mib]: value }));
}
const good: Reply = (req) => responseFor(req, valuesFor(req));
const cut = (keep: (n: number) => number): Reply => (req) => {
  const b = good(req)!;
  return b.subarray(0, keep(b.length));
};
const ten = Array.from({ length: 10 }, (_, i) => 0x11 + i);

export type CorpusCase = { name: string; reply: Reply; /** The error text must match. */ error: RegExp };

export const MALFORMED_REPLIES: CorpusCase[] = [
  // Wrong lengths, one varbind type at a time.
  { name: 'Counter64 of 0 bytes', reply: withField('ifHCInOctets', val.raw(TAG.counter64, [])), error: /Counter64 of 0 bytes/ },
  { name: 'Counter64 of 10 bytes', reply: withField('ifHCOutOctets', val.raw(TAG.counter64, ten)), error: /Counter64 of 10 bytes/ },
  { name: 'Counter64 of 9 bytes without the leading zero', reply: withField('ifHCInOctets', val.raw(TAG.counter64, [1, ...ten.slice(0, 8)])), error: /Counter64/ },
  { name: 'Integer of 0 bytes', reply: withField('ifOperStatus', val.raw(TAG.integer, [])), error: /malformed reply/ },
  { name: 'Integer of 10 bytes', reply: withField('ifOperStatus', val.raw(TAG.integer, ten)), error: /malformed reply/ },
  { name: 'TimeTicks of 0 bytes', reply: withField('sysUpTime', val.raw(TAG.timeticks, [])), error: /malformed reply/ },
  { name: 'TimeTicks of 10 bytes', reply: withField('sysUpTime', val.raw(TAG.timeticks, ten)), error: /malformed reply/ },
  { name: 'Counter32 of 0 bytes', reply: withField('ifInOctets', val.raw(TAG.counter32, [])), error: /malformed reply/ },
  { name: 'Counter32 of 10 bytes', reply: withField('ifOutOctets', val.raw(TAG.counter32, ten)), error: /malformed reply/ },
  { name: 'Gauge32 of 10 bytes', reply: withField('ifHighSpeed', val.raw(TAG.gauge32, ten)), error: /malformed reply/ },
  { name: 'IpAddress of 3 bytes', reply: withField('ifAdminStatus', val.raw(TAG.ipaddress, [10, 0, 0])), error: /malformed reply/ },
  { name: 'OID cut inside an arc', reply: withField('snmpEngineBoots', val.raw(TAG.oid, [0x2b, 0x86])), error: /malformed reply/ },
  { name: 'NULL with content', reply: withField('ifCounterDiscontinuityTime', val.raw(TAG.null, [1, 2, 3])), error: /malformed reply/ },
  { name: 'unknown type tag 0x49', reply: withField('ifHCInOctets', val.raw(0x49, [1, 2])), error: /malformed reply/ },
  // NUL and control bytes.
  {
    name: 'OCTET STRING with NUL and control bytes where ifOperStatus belongs',
    reply: withField('ifOperStatus', val.octets(Buffer.from([0x75, 0x00, 0x70, 0x07, 0x1b, 0x5b, 0x32, 0x4a]))),
    error: /malformed reply: ifOperStatus .* is octets, expected integer/,
  },
  {
    name: 'reply community with a NUL byte',
    reply: (req: GetRequest) => responseFor(req, valuesFor(req), { community: Buffer.from(`${req.community}\u0000\u0001x`) }),
    error: /malformed reply: its community differs/,
  },
  // Truncated and broken PDUs.
  { name: 'PDU cut in half', reply: cut((n) => Math.floor(n / 2)), error: /malformed reply/ },
  { name: 'PDU missing its last byte', reply: cut((n) => n - 1), error: /malformed reply/ },
  { name: 'PDU of its first 12 bytes', reply: cut(() => 12), error: /malformed reply/ },
  { name: 'empty SEQUENCE', reply: () => tlv(TAG.seq, []), error: /malformed reply/ },
  { name: 'indefinite length', reply: () => Buffer.from([0x30, 0x80, 0x02, 0x01, 0x01, 0x00, 0x00]), error: /malformed reply/ },
  { name: 'control bytes instead of BER', reply: () => Buffer.from([0x00, 0x07, 0x1b, 0x7f, 0x00, 0x0a]), error: /malformed reply/ },
  { name: 'three varbinds for twelve requested', reply: (req) => responseFor(req, valuesFor(req).slice(0, 3), { oids: req.oids.slice(0, 3) }), error: /malformed reply: Requested OIDs do not match/ },
];

export { good as GOOD_REPLY };
