// The simulator's scripted devices at chosen instants, derived by hand from the scenario rules.
import { describe, expect, it } from 'vitest';
import { deviceStateAt, octetsAfter } from '../../server/src/agent/simulator/scenarios.ts';

describe('deviceStateAt', () => {
  it('normal: up, 3 days of uptime at start, counters from zero', () => {
    const s = deviceStateAt({ kind: 'normal' }, 0);
    expect(s).toMatchObject({ answering: true, operStatus: 1, sysUpTime: 25_920_000, engineBoots: 1, wanIfIndex: 2, hc: true });
    expect(s.inOctets).toBe(0n);
  });

  it('outage (period 120 s, 40 s): answers until 80 s, silent 80–120 s, back at 120 s', () => {
    const sc = { kind: 'outage' as const };
    expect(deviceStateAt(sc, 79_999).answering).toBe(true);
    expect(deviceStateAt(sc, 80_000).answering).toBe(false);
    expect(deviceStateAt(sc, 119_999).answering).toBe(false);
    expect(deviceStateAt(sc, 120_000).answering).toBe(true);
  });

  it('offsetMs moves the window earlier: period 15 min, 6 min down, offset 8 min → down from 1 min to 7 min', () => {
    // The window is the last 6 min of each period on a clock running 8 min ahead: 9 − 8 = 1 min.
    const sc = { kind: 'outage' as const, periodMs: 900_000, activeMs: 360_000, offsetMs: 480_000 };
    expect(deviceStateAt(sc, 59_999).answering).toBe(true);
    expect(deviceStateAt(sc, 60_000).answering).toBe(false);
    expect(deviceStateAt(sc, 419_999).answering).toBe(false);
    expect(deviceStateAt(sc, 420_000).answering).toBe(true);
    const link = deviceStateAt({ ...sc, kind: 'link_down' }, 30_000);
    expect([link.operStatus, link.inOctets]).toEqual([1, octetsAfter(30_000, 20e6 / 8)]); // counters start at 0 regardless of offset
  });

  it('link_down: ifOperStatus 2 in the window and the counters stand still', () => {
    const sc = { kind: 'link_down' as const, periodMs: 100_000, activeMs: 20_000 };
    expect(deviceStateAt(sc, 79_999).operStatus).toBe(1);
    const during = deviceStateAt(sc, 95_000);
    expect(during.operStatus).toBe(2);
    expect(during.inOctets).toBe(octetsAfter(80_000, 20e6 / 8)); // frozen at the 80 s of carrying time
    expect(deviceStateAt(sc, 110_000).inOctets).toBe(octetsAfter(90_000, 20e6 / 8)); // 80 s + 10 s
  });

  it('reboot (period 60 s): at 61 s uptime is 1 s, boots 2, the WAN moved to ifIndex 3, counters restarted', () => {
    const s = deviceStateAt({ kind: 'reboot', periodMs: 60_000 }, 61_000);
    expect(s).toMatchObject({ sysUpTime: 100, engineBoots: 2, wanIfIndex: 3, bootIndex: 1 });
    expect(s.inOctets).toBe(octetsAfter(1_000, 20e6 / 8));
  });

  it('wrap32: no HC; 90 Mbit/s = 11.25 MB/s starts 30 s under 2^32 and has wrapped by 31 s', () => {
    const sc = { kind: 'wrap32' as const };
    const t0 = deviceStateAt(sc, 0);
    expect(t0.hc).toBe(false);
    expect(t0.inOctets).toBe(2n ** 32n - 337_500_000n); // 11 250 000 B/s × 30 s
    expect(deviceStateAt(sc, 31_000).inOctets < t0.inOctets).toBe(true);
  });

  it('idle: 100 B/s on average — under 10 kB in a minute', () => {
    expect(deviceStateAt({ kind: 'idle' }, 60_000).inOctets < 10_000n).toBe(true);
  });

  it('slow answers after 1.5 s; malformed and nosuch are flagged', () => {
    expect(deviceStateAt({ kind: 'slow' }, 0).delayMs).toBe(1500);
    expect(deviceStateAt({ kind: 'malformed' }, 0).malformedUptime).toBe(true);
    expect(deviceStateAt({ kind: 'nosuch' }, 0).wanPresent).toBe(false);
  });
});

describe('octetsAfter', () => {
  it('never decreases (the swell is a rate, the counter its integral)', () => {
    let prev = -1n;
    for (let ms = 0; ms <= 1_200_000; ms += 7_000) {
      const v = octetsAfter(ms, 1e6);
      expect(v >= prev).toBe(true);
      prev = v;
    }
  });
  it('over whole swell periods (600 s) equals the mean rate × time: 1 MB/s × 600 s', () => {
    expect(octetsAfter(600_000, 1e6)).toBe(600_000_000n);
  });
});
