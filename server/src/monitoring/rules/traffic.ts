// Traffic rates from octet counters (docs/monitoring-model.md, "Traffic"). Pure, exact (BigInt).
// Δt comes from the device's own clock (ΔsysUpTime / 100) so a slow rural link does not distort it.
import { UPTIME_WRAP } from './reboot.ts';

const TWO_32 = 2n ** 32n;

export type CounterReading = {
  sysUpTime: number | null;
  inOctets: bigint;
  outOctets: bigint;
  counterBits: 32 | 64;
  discontinuityTime: number | null;
  ifIndex: number | null;
  ifSpeedMbps: number | null;
};

export type RateResult =
  | { kind: 'rate'; inBps: number; outBps: number; dtS: number; wrapped: boolean; doubleWrapRisk: boolean }
  /** No rate for this interval; the new reading becomes the baseline. */
  | { kind: 'none'; reason: 'reboot' | 'discontinuity' | 'counter_reset' | 'no_uptime' | 'no_time' }
  /** Computed but above 1.1 × interface speed: dropped and counted. */
  | { kind: 'implausible'; inBps: number; outBps: number; dtS: number };

export const PLAUSIBLE_FACTOR = 1.1;

function delta(prev: bigint, cur: bigint, bits: 32 | 64): { d: bigint; wrapped: boolean } | null {
  if (cur >= prev) return { d: cur - prev, wrapped: false };
  // Counter32 wrapped once; a Counter64 going down is a reset, not a wrap (2^64 never wraps).
  if (bits === 32) return { d: cur + TWO_32 - prev, wrapped: true };
  return null;
}

/** Whether a Counter32 could wrap twice in dtS at full speed, so a single-wrap Δ may be short. */
export function doubleWrapPossible(dtS: number, speedMbps: number | null): boolean {
  if (!speedMbps) return false;
  return (speedMbps * 1e6 * dtS) / 8 >= Number(TWO_32);
}

export function trafficRate(prev: CounterReading, cur: CounterReading, rebooted: boolean): RateResult {
  if (rebooted) return { kind: 'none', reason: 'reboot' };
  if (
    prev.discontinuityTime !== cur.discontinuityTime ||
    prev.counterBits !== cur.counterBits ||
    prev.ifIndex !== cur.ifIndex
  ) {
    return { kind: 'none', reason: 'discontinuity' };
  }
  if (prev.sysUpTime === null || cur.sysUpTime === null) return { kind: 'none', reason: 'no_uptime' };
  let ticks = cur.sysUpTime - prev.sysUpTime;
  if (ticks < 0) ticks += UPTIME_WRAP; // caller ruled out a reboot: this is the 497-day wrap
  const dtS = ticks / 100;
  if (dtS <= 0) return { kind: 'none', reason: 'no_time' };
  const bits = cur.counterBits;
  const din = delta(prev.inOctets, cur.inOctets, bits);
  const dout = delta(prev.outOctets, cur.outOctets, bits);
  if (!din || !dout) return { kind: 'none', reason: 'counter_reset' };
  const inBps = (Number(din.d) * 8) / dtS;
  const outBps = (Number(dout.d) * 8) / dtS;
  const speed = cur.ifSpeedMbps ? cur.ifSpeedMbps * 1e6 : null;
  if (speed !== null && (inBps > PLAUSIBLE_FACTOR * speed || outBps > PLAUSIBLE_FACTOR * speed)) {
    return { kind: 'implausible', inBps, outBps, dtS };
  }
  return {
    kind: 'rate', inBps, outBps, dtS,
    wrapped: din.wrapped || dout.wrapped,
    doubleWrapRisk: bits === 32 && doubleWrapPossible(dtS, cur.ifSpeedMbps),
  };
}
