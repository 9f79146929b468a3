// A tiny SNMPv2c "device" on a loopback UDP socket that answers each GET with bytes we choose:
// the malformed-reply corpus is sent as real datagrams through the real net-snmp session, so the
// test exercises exactly what a broken CPE on a satellite link would do to the agent. It speaks
// just enough BER to read a request (request-id and OIDs) and to build a reply; v3 (discovery
// probes) is ignored, like a v2c-only device.
import dgram from 'node:dgram';

// --- BER writing -----------------------------------------------------------------------------
function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x100) return Buffer.from([0x81, n]);
  return Buffer.from([0x82, n >> 8, n & 0xff]);
}
export function tlv(tag: number, content: Buffer | number[]): Buffer {
  const c = Buffer.isBuffer(content) ? content : Buffer.from(content);
  return Buffer.concat([Buffer.from([tag]), len(c.length), c]);
}
/** Minimal two's-complement content octets of a non-negative integer (ASN.1 INTEGER rules). */
export function uintBytes(v: bigint): Buffer {
  let hex = v.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const b = Buffer.from(hex, 'hex');
  return b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b;
}
export function oidBytes(oid: string): Buffer {
  const arcs = oid.split('.').map(Number);
  const out = [40 * arcs[0]! + arcs[1]!];
  for (const a of arcs.slice(2)) {
    const chunk = [a & 0x7f];
    for (let v = Math.floor(a / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return Buffer.from(out);
}
export const TAG = { integer: 0x02, octets: 0x04, null: 0x05, oid: 0x06, seq: 0x30, ipaddress: 0x40, counter32: 0x41, gauge32: 0x42, timeticks: 0x43, counter64: 0x46, response: 0xa2 } as const;
export const val = {
  int: (v: number | bigint, tag: number = TAG.integer) => tlv(tag, uintBytes(BigInt(v))),
  octets: (s: string | Buffer) => tlv(TAG.octets, Buffer.isBuffer(s) ? s : Buffer.from(s)),
  raw: (tag: number, bytes: number[]) => tlv(tag, bytes),
};

// --- BER reading (requests only) ------------------------------------------------------------
type Node = { tag: number; content: Buffer; raw: Buffer };
function readNodes(buf: Buffer): Node[] {
  const out: Node[] = [];
  let i = 0;
  while (i < buf.length) {
    const tag = buf[i]!;
    let n = buf[i + 1]!;
    let h = 2;
    if (n & 0x80) {
      const k = n & 0x7f;
      n = 0;
      for (let j = 0; j < k; j++) n = n * 256 + buf[i + 2 + j]!;
      h += k;
    }
    out.push({ tag, content: buf.subarray(i + h, i + h + n), raw: buf.subarray(i, i + h + n) });
    i += h + n;
  }
  return out;
}
function decodeOid(b: Buffer): string {
  const arcs = [Math.floor(b[0]! / 40), b[0]! % 40];
  let v = 0;
  for (const x of b.subarray(1)) {
    v = v * 128 + (x & 0x7f);
    if (!(x & 0x80)) {
      arcs.push(v);
      v = 0;
    }
  }
  return arcs.join('.');
}

export type GetRequest = { community: string; requestId: Buffer; oids: string[] };

/** An SNMPv2c GET/GETNEXT/GETBULK, or null for anything else (v3 discovery, garbage). */
export function parseRequest(msg: Buffer): GetRequest | null {
  try {
    const [top] = readNodes(msg);
    const [version, community, pdu] = readNodes(top!.content);
    if (version!.content[0] !== 1 || !pdu || (pdu.tag & 0xe0) !== 0xa0) return null;
    const [reqId, , , vbl] = readNodes(pdu.content);
    const oids = readNodes(vbl!.content).map((vb) => decodeOid(readNodes(vb.content)[0]!.content));
    return { community: community!.content.toString('latin1'), requestId: reqId!.raw, oids };
  } catch {
    return null;
  }
}

/** A GetResponse to `req` carrying `values[i]` (a full value TLV) for `req.oids[i]`. */
export function responseFor(req: GetRequest, values: Buffer[], o: { community?: Buffer; oids?: string[] } = {}): Buffer {
  const oids = o.oids ?? req.oids;
  const vbs = values.map((v, i) => tlv(TAG.seq, Buffer.concat([tlv(TAG.oid, oidBytes(oids[i]!)), v])));
  const pdu = tlv(TAG.response, Buffer.concat([req.requestId, val.int(0), val.int(0), tlv(TAG.seq, Buffer.concat(vbs))]));
  return tlv(TAG.seq, Buffer.concat([val.int(1), tlv(TAG.octets, o.community ?? Buffer.from(req.community, 'latin1')), pdu]));
}

/** What the device sends back for one request: bytes, or null to stay silent. */
export type Reply = (req: GetRequest) => Buffer | null;

export type FakeDevice = { port: number; requests: number; close(): Promise<void> };

export async function startFakeDevice(reply: Reply): Promise<FakeDevice> {
  const sock = dgram.createSocket('udp4');
  const dev = {
    port: 0,
    requests: 0,
    close: () => new Promise<void>((r) => sock.close(() => r())),
  };
  sock.on('message', (msg, rinfo) => {
    const req = parseRequest(msg);
    if (!req) return;
    dev.requests++;
    const out = reply(req);
    if (out) sock.send(out, rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
  dev.port = sock.address().port;
  return dev;
}
