// Traffic rates, hand-worked: rate = Δoctets × 8 / (ΔsysUpTime / 100).
import { describe, expect, it } from 'vitest';
import { doubleWrapPossible, trafficRate, type CounterReading } from '../../server/src/monitoring/rules/traffic.ts';

const base: CounterReading = {
  sysUpTime: 100_000, inOctets: 1_000_000n, outOctets: 2_000_000n, counterBits: 64,
  discontinuityTime: 0, ifIndex: 3, ifSpeedMbps: 100,
};

describe('traffic rate', () => {
  it('uses the device clock: 750 000 octets in 6000 hundredths = 1 Mbit/s', () => {
    // 750 000 × 8 / 60 s = 100 000 bit/s in; out 1 500 000 × 8 / 60 = 200 000.
    const r = trafficRate(base, { ...base, sysUpTime: 106_000, inOctets: 1_750_000n, outOctets: 3_500_000n }, false);
    expect(r).toEqual({ kind: 'rate', inBps: 100_000, outBps: 200_000, dtS: 60, wrapped: false, doubleWrapRisk: false });
  });

  it('Counter32 that went down wrapped once: Δ = new + 2^32 − old', () => {
    // old = 2^32 − 100 000, new = 200 000 → Δ = 300 000 octets over 60 s = 40 000 bit/s.
    const prev = { ...base, counterBits: 32 as const, inOctets: 2n ** 32n - 100_000n, outOctets: 0n };
    const r = trafficRate(prev, { ...prev, sysUpTime: 106_000, inOctets: 200_000n, outOctets: 0n }, false);
    expect(r).toMatchObject({ kind: 'rate', inBps: 40_000, outBps: 0, wrapped: true });
  });

  it('Counter64 deltas are exact beyond 2^53', () => {
    // 2^60 + 7 500 000 − 2^60 = 7 500 000 octets / 60 s × 8 = 1 000 000 bit/s.
    const prev = { ...base, inOctets: 2n ** 60n, outOctets: 2n ** 63n };
    const r = trafficRate(prev, { ...prev, sysUpTime: 106_000, inOctets: 2n ** 60n + 7_500_000n, outOctets: 2n ** 63n }, false);
    expect(r).toMatchObject({ kind: 'rate', inBps: 1_000_000, outBps: 0 });
  });

  it('a Counter64 that went down is a reset, not a wrap', () => {
    expect(trafficRate(base, { ...base, sysUpTime: 106_000, inOctets: 5n }, false)).toEqual({ kind: 'none', reason: 'counter_reset' });
  });

  it('no rate across a reboot or a discontinuity', () => {
    expect(trafficRate(base, { ...base, sysUpTime: 500 }, true)).toEqual({ kind: 'none', reason: 'reboot' });
    expect(trafficRate(base, { ...base, sysUpTime: 106_000, discontinuityTime: 104_000 }, false)).toEqual({ kind: 'none', reason: 'discontinuity' });
    expect(trafficRate(base, { ...base, sysUpTime: 106_000, ifIndex: 4 }, false)).toEqual({ kind: 'none', reason: 'discontinuity' });
  });

  it('above 1.1 × speed is implausible: discarded', () => {
    // 100 Mbit/s link; 900 000 000 octets in 60 s = 120 Mbit/s > 110.
    const r = trafficRate(base, { ...base, sysUpTime: 106_000, inOctets: 901_000_000n }, false);
    expect(r).toMatchObject({ kind: 'implausible', inBps: 120_000_000 });
  });

  it('Δt spans the 497-day sysUpTime wrap when the caller ruled out a reboot', () => {
    // prev 2^32 − 2000, now 4000 → 6000 hundredths = 60 s.
    const prev = { ...base, sysUpTime: 2 ** 32 - 2_000 };
    const r = trafficRate(prev, { ...prev, sysUpTime: 4_000, inOctets: 1_750_000n }, false);
    expect(r).toMatchObject({ kind: 'rate', dtS: 60, inBps: 100_000 });
  });

  it('warns when a Counter32 can wrap twice within one interval', () => {
    // 2^32 octets × 8 = 34 359 738 368 bits; at 100 Mbit/s that is 343.6 s (5.7 min).
    expect(doubleWrapPossible(60, 100)).toBe(false);
    expect(doubleWrapPossible(344, 100)).toBe(true);
    expect(doubleWrapPossible(60, 1000)).toBe(true); // 1 Gbit/s: 34.4 s
    const prev = { ...base, counterBits: 32 as const, ifSpeedMbps: 1000 };
    expect(trafficRate(prev, { ...prev, sysUpTime: 106_000, inOctets: 2_000_000n }, false)).toMatchObject({ doubleWrapRisk: true });
  });
});
