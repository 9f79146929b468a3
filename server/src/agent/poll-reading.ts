// One poll's reply (typed varbinds) → the sample's polled values and its outcome. Decoded by OID
// through the poll table, never by position: a reply recorded before a row was added still reads,
// with the new row null. Pure: no clock, no network. Timeouts and auth failures never reach here.
import type { PollOutcome } from '../monitoring/poll-sample.ts';
import { isBigRow, pollVarbinds, type PolledValues, type PollVarbind, type SnmpType } from '../monitoring/poll-table.ts';
import { isMissing, type Varbind } from './varbinds.ts';

export type Reading = {
  outcome: Exclude<PollOutcome, 'unreachable'>;
  error: string | null;
  /** The WAN interface's rows are absent: its ifIndex is wrong or has moved (re-resolve). */
  interfaceMissing: boolean;
  counterBits: 32 | 64 | null;
} & Omit<PolledValues, 'rttMs'>;

const IF_UP = 1;

export function errorReading(error: string, interfaceMissing = false): Reading {
  const r: Record<string, unknown> = { outcome: 'error', error, interfaceMissing, counterBits: null };
  for (const v of pollVarbinds(0)) if (!v.fallback) r[v.row.name] = null;
  return r as Reading;
}

/** A reply must answer exactly what was asked (net-snmp checks this for live polls too). */
export function replyMismatch(requested: readonly string[], varbinds: readonly Varbind[]): string | null {
  if (varbinds.length !== requested.length) return `malformed reply: ${varbinds.length} varbinds for ${requested.length} requested`;
  const asked = new Set(requested);
  const stray = varbinds.find((vb) => !asked.has(vb.oid));
  return stray ? `malformed reply: ${stray.oid} was not requested` : null;
}

export function readPoll(varbinds: readonly Varbind[], ifIndex: number): Reading {
  const byOid = new Map(varbinds.map((vb) => [vb.oid, vb]));
  const wanted = pollVarbinds(ifIndex);
  const got = (v: PollVarbind) => byOid.get(v.oid);
  // A present value of the wrong type is a broken agent, not a missing object.
  for (const v of wanted) {
    const vb = got(v);
    if (vb?.kind === 'malformed') return errorReading(`malformed reply: ${v.mib} (${vb.oid}): ${String(vb.value)}`);
    if (vb && !isMissing(vb) && vb.kind !== (v.type satisfies SnmpType)) {
      return errorReading(`malformed reply: ${v.mib} (${vb.oid}) is ${vb.kind}, expected ${v.type}`);
    }
  }
  const present = (v: PollVarbind) => !isMissing(got(v));
  const primaries = wanted.filter((v) => !v.fallback);
  const byName = (name: string) => primaries.find((v) => v.row.name === name)!;
  if (!present(byName('sysUpTime'))) return errorReading(`sysUpTime.0: ${got(byName('sysUpTime'))?.kind ?? 'absent'}`);
  if (!present(byName('ifOperStatus'))) {
    return errorReading(`ifIndex ${ifIndex}: ifOperStatus is ${got(byName('ifOperStatus'))?.kind ?? 'absent'} (wrong or moved ifIndex)`, true);
  }
  // Counters with a 32-bit fallback switch together: one width per poll, so rates never mix them.
  const counterRows = new Set(wanted.filter((v) => v.fallback).map((v) => v.row.name));
  const primaryCounters = primaries.filter((v) => counterRows.has(v.row.name));
  const fallbacks = wanted.filter((v) => v.fallback);
  const useHc = primaryCounters.every(present);
  const use32 = !useHc && fallbacks.length > 0 && fallbacks.every(present);
  const counterBits = useHc ? 64 : use32 ? 32 : null;

  const values: Record<string, number | bigint | null> = {};
  for (const v of primaries) {
    const source = counterRows.has(v.row.name) ? (useHc ? v : use32 ? fallbacks.find((f) => f.row === v.row)! : undefined) : v;
    const vb = source && got(source);
    values[v.row.name] = !vb || isMissing(vb) ? null : isBigRow(v.row) ? BigInt(vb.value as number | bigint) : Number(vb.value);
  }
  return {
    ...(values as Omit<PolledValues, 'rttMs'>),
    outcome: values.ifOperStatus === IF_UP ? 'up' : 'link_down',
    error: null,
    interfaceMissing: false,
    counterBits,
  };
}

/** True when the device restarted since the last reading (engineBoots moved, or sysUpTime went back
 * without a 32-bit wrap). Used only to re-resolve the WAN ifIndex; judging reboots is monitoring's. */
export function looksRebooted(
  prev: { sysUpTime: number | null; engineBoots: number | null } | undefined,
  next: { sysUpTime: number | null; engineBoots: number | null },
): boolean {
  if (!prev || prev.sysUpTime === null || next.sysUpTime === null) return false;
  if (prev.engineBoots !== null && next.engineBoots !== null && prev.engineBoots !== next.engineBoots) return true;
  const nearWrap = prev.sysUpTime > 2 ** 32 - 100 * 3600; // within an hour of 2^32 hundredths
  return next.sysUpTime < prev.sysUpTime && !nearWrap;
}
