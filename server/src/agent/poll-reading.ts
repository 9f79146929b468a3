// One poll's reply (typed varbinds in POLL_FIELDS order) → the sample's fields and its outcome.
// Pure: no clock, no network. Timeouts and auth failures never reach here (see poll-site.ts).
import type { PollOutcome, PollSample } from '../monitoring/poll-sample.ts';
import { POLL_FIELDS, type PollField } from './oids.ts';
import { isMissing, type Varbind, type VarbindKind } from './varbinds.ts';

export type Reading = {
  outcome: Exclude<PollOutcome, 'unreachable'>;
  error: string | null;
  /** The WAN interface's rows are absent: its ifIndex is wrong or has moved (re-resolve). */
  interfaceMissing: boolean;
} & Pick<
  PollSample,
  'sysUpTime' | 'engineBoots' | 'ifOperStatus' | 'ifAdminStatus' | 'inOctets' | 'outOctets' | 'counterBits' | 'ifSpeedMbps' | 'discontinuityTime'
>;

const EXPECTED: Record<PollField, VarbindKind> = {
  sysUpTime: 'timeticks',
  engineBoots: 'integer',
  ifOperStatus: 'integer',
  ifAdminStatus: 'integer',
  hcIn: 'counter64',
  hcOut: 'counter64',
  highSpeed: 'gauge32',
  discontinuity: 'timeticks',
  in32: 'counter32',
  out32: 'counter32',
};

const IF_UP = 1;

function errorReading(error: string, interfaceMissing = false): Reading {
  return {
    outcome: 'error', error, interfaceMissing, sysUpTime: null, engineBoots: null, ifOperStatus: null,
    ifAdminStatus: null, inOctets: null, outOctets: null, counterBits: null, ifSpeedMbps: null, discontinuityTime: null,
  };
}

export function readPoll(varbinds: readonly Varbind[], ifIndex: number): Reading {
  if (varbinds.length !== POLL_FIELDS.length) {
    return errorReading(`malformed reply: ${varbinds.length} varbinds for ${POLL_FIELDS.length} requested`);
  }
  const by = {} as Record<PollField, Varbind | undefined>;
  POLL_FIELDS.forEach((f, i) => (by[f] = varbinds[i]));
  // A present value of the wrong type is a broken agent, not a missing object.
  for (const f of POLL_FIELDS) {
    const vb = by[f];
    if (vb?.kind === 'malformed') return errorReading(`malformed reply: ${f} (${vb.oid}): ${String(vb.value)}`);
    if (!isMissing(vb) && vb!.kind !== EXPECTED[f]) {
      return errorReading(`malformed reply: ${f} (${vb!.oid}) is ${vb!.kind}, expected ${EXPECTED[f]}`);
    }
  }
  if (isMissing(by.sysUpTime)) return errorReading(`sysUpTime.0: ${by.sysUpTime?.kind ?? 'absent'}`);
  if (isMissing(by.ifOperStatus)) {
    return errorReading(`ifIndex ${ifIndex}: ifOperStatus is ${by.ifOperStatus?.kind ?? 'absent'} (wrong or moved ifIndex)`, true);
  }
  const num = (f: PollField) => (isMissing(by[f]) ? null : (by[f]!.value as number));
  const big = (f: PollField) => (isMissing(by[f]) ? null : BigInt(by[f]!.value as number | bigint));

  const hc = !isMissing(by.hcIn) && !isMissing(by.hcOut);
  const c32 = !isMissing(by.in32) && !isMissing(by.out32);
  const counterBits = hc ? 64 : c32 ? 32 : null;
  const operStatus = num('ifOperStatus')!;
  return {
    outcome: operStatus === IF_UP ? 'up' : 'link_down',
    error: null,
    interfaceMissing: false,
    sysUpTime: num('sysUpTime'),
    engineBoots: num('engineBoots'),
    ifOperStatus: operStatus,
    ifAdminStatus: num('ifAdminStatus'),
    inOctets: hc ? big('hcIn') : c32 ? big('in32') : null,
    outOctets: hc ? big('hcOut') : c32 ? big('out32') : null,
    counterBits,
    ifSpeedMbps: num('highSpeed'),
    discontinuityTime: num('discontinuity'),
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
