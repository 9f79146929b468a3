// PollSample ⇄ one NDJSON line, for the on-disk buffer. Octet counters are exact decimal strings
// (JSON numbers lose precision past 2^53; Counter64 goes to 2^64 − 1).
import type { PollOutcome, PollSample } from '../monitoring/poll-sample.ts';

const OUTCOMES = new Set<PollOutcome>(['up', 'link_down', 'unreachable', 'error']);

export function encodeSample(s: PollSample): string {
  return JSON.stringify({ ...s, inOctets: s.inOctets?.toString() ?? null, outOctets: s.outOctets?.toString() ?? null });
}

function numOrNull(v: unknown, field: string): number | null {
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${field}: not a number`);
  return v;
}

function bigOrNull(v: unknown, field: string): bigint | null {
  if (v === null) return null;
  if (typeof v !== 'string' || !/^\d{1,20}$/.test(v)) throw new Error(`${field}: not a decimal counter`);
  return BigInt(v);
}

/** Parses one buffered line; throws with the field at fault (a torn last line after a crash). */
export function decodeSample(line: string): PollSample {
  const o = JSON.parse(line) as Record<string, unknown>;
  if (typeof o.sampleId !== 'string' || typeof o.siteId !== 'string') throw new Error('sampleId/siteId missing');
  if (!OUTCOMES.has(o.outcome as PollOutcome)) throw new Error(`outcome: ${String(o.outcome)}`);
  const bits = o.counterBits;
  if (bits !== null && bits !== 32 && bits !== 64) throw new Error('counterBits: not 32, 64 or null');
  return {
    sampleId: o.sampleId,
    siteId: o.siteId,
    polledAt: numOrNull(o.polledAt, 'polledAt') ?? 0,
    outcome: o.outcome as PollOutcome,
    rttMs: numOrNull(o.rttMs, 'rttMs'),
    sysUpTime: numOrNull(o.sysUpTime, 'sysUpTime'),
    engineBoots: numOrNull(o.engineBoots, 'engineBoots'),
    ifIndex: numOrNull(o.ifIndex, 'ifIndex'),
    ifOperStatus: numOrNull(o.ifOperStatus, 'ifOperStatus'),
    ifAdminStatus: numOrNull(o.ifAdminStatus, 'ifAdminStatus'),
    inOctets: bigOrNull(o.inOctets, 'inOctets'),
    outOctets: bigOrNull(o.outOctets, 'outOctets'),
    counterBits: bits as 32 | 64 | null,
    ifSpeedMbps: numOrNull(o.ifSpeedMbps, 'ifSpeedMbps'),
    discontinuityTime: numOrNull(o.discontinuityTime, 'discontinuityTime'),
    error: typeof o.error === 'string' ? o.error : null,
  };
}
