// advanceSite, the per-poll composition of the rules, on small hand-worked cases.
import { describe, expect, it } from 'vitest';
import type { PollSample } from '../../server/src/monitoring/poll-sample.ts';
import { advanceSite, INITIAL_STATE, type SiteEffect, type SiteState } from '../../server/src/monitoring/rules/site-state.ts';
import { checkSample } from '../../server/src/monitoring/store.ts';

const T0 = Date.UTC(2026, 0, 1);
const poll = (s: number, o: Partial<PollSample> = {}): PollSample => ({
  sampleId: `x:${s}`, siteId: 'x', polledAt: T0 + s * 1000, outcome: 'up', rttMs: 30, sysUpTime: null, engineBoots: null,
  ifIndex: 2, ifOperStatus: 1, ifAdminStatus: 1, inOctets: null, outOctets: null, counterBits: null, ifSpeedMbps: 100,
  discontinuityTime: null, error: null, ...o,
});

function run(polls: PollSample[], inMaintenance = false) {
  let state: SiteState = INITIAL_STATE;
  const effects: SiteEffect[] = [];
  const rates = [];
  for (const p of polls) {
    const r = advanceSite(state, p, { inMaintenance });
    state = r.state;
    effects.push(...r.effects);
    rates.push(r.rate);
  }
  return { state, effects, rates, events: effects.flatMap((e) => (e.type === 'event' ? [e.event.kind] : [])) };
}

describe('advanceSite', () => {
  it('a sysUpTime wrap between two polls is logged as a wrap, not a reboot, and keeps the rate', () => {
    // 2^32 − 3000 → 3000 in 60 s: 6000 hundredths, as the wall clock says. 750 000 octets → 100 000 bit/s.
    const r = run([
      poll(0, { sysUpTime: 2 ** 32 - 3_000, inOctets: 0n, outOctets: 0n, counterBits: 64 }),
      poll(60, { sysUpTime: 3_000, inOctets: 750_000n, outOctets: 0n, counterBits: 64 }),
    ]);
    expect(r.events).toEqual(['uptime_wrap']);
    expect(r.effects.some((e) => e.type === 'outage_estimated')).toBe(false);
    expect(r.rates[1]).toEqual({ inBps: 100_000, outBps: 0, dtS: 60, note: null });
  });

  it('an error poll is unknown: status unknown, a config_error event once, no outage', () => {
    const r = run([poll(0), poll(60, { outcome: 'error', error: 'authenticationFailure' }), poll(120, { outcome: 'error', error: 'authenticationFailure' }), poll(180, { outcome: 'error' })]);
    expect(r.events).toEqual(['config_error']);
    expect(r.state.status).toBe('unknown');
    expect(r.effects.some((e) => e.type === 'outage_open')).toBe(false);
  });

  it('admin down is reported as link_down but opens no outage', () => {
    const r = run([poll(0), poll(60, { outcome: 'link_down', ifOperStatus: 2, ifAdminStatus: 2 }), poll(120, { outcome: 'link_down', ifOperStatus: 2, ifAdminStatus: 2 })]);
    expect(r.state.status).toBe('link_down');
    expect(r.effects.some((e) => e.type === 'outage_open')).toBe(false);
  });

  it('a link down (oper) opens a link_down outage after the second poll', () => {
    const r = run([poll(0), poll(60, { outcome: 'link_down', ifOperStatus: 2 }), poll(120, { outcome: 'link_down', ifOperStatus: 2 })]);
    expect(r.effects.filter((e) => e.type === 'outage_open')).toEqual([{ type: 'outage_open', startedAt: T0 + 60_000, cause: 'link_down', lastGoodAt: T0 }]);
    expect(r.state.status).toBe('link_down');
  });

  it('an implausible rate is dropped and logged; a moved ifIndex is a discontinuity', () => {
    // 100 Mbit/s port: 1 500 000 000 octets in 60 s = 200 Mbit/s > 110.
    const r = run([
      poll(0, { sysUpTime: 0, inOctets: 0n, outOctets: 0n, counterBits: 64 }),
      poll(60, { sysUpTime: 6_000, inOctets: 1_500_000_000n, outOctets: 0n, counterBits: 64 }),
      poll(120, { sysUpTime: 12_000, inOctets: 1_500_000_100n, outOctets: 0n, counterBits: 64, ifIndex: 7 }),
    ]);
    expect(r.rates.map((x) => x.note)).toEqual(['baseline', 'implausible', 'discontinuity']);
    expect(r.events).toEqual(['implausible_rate', 'if_index_moved']);
  });

  it('warns once about a possible Counter32 double wrap', () => {
    // 1 Gbit/s and 60 s: 7.5 GB > 2^32 octets.
    const c = (s: number, upt: number, o: bigint) => poll(s, { sysUpTime: upt, inOctets: o, outOctets: 0n, counterBits: 32, ifSpeedMbps: 1000 });
    const r = run([c(0, 0, 0n), c(60, 6_000, 1_000n), c(120, 12_000, 2_000n)]);
    expect(r.events).toEqual(['double_wrap_risk']);
  });

  it('a reboot between two up polls longer than the alert threshold alerts start and end', () => {
    // Up at 0 (uptime 1000 s); at 900 s uptime is 60 s → booted at 840; [0, 840) down = 14 min ≥ 5.
    const r = run([poll(0, { sysUpTime: 100_000 }), poll(900, { sysUpTime: 6_000 })]);
    expect(r.effects.find((e) => e.type === 'outage_estimated')).toEqual({
      type: 'outage_estimated', startedAt: T0, endedAt: T0 + 840_000, cause: 'reboot', lastGoodAt: T0, alert: true,
    });
    expect(r.events).toEqual(['reboot']);
  });
});

describe('checkSample', () => {
  it('names the sample and the field', () => {
    expect(() => checkSample(poll(0, { polledAt: Number.NaN }))).toThrow('sample x:0: polledAt must be ms since the epoch');
    expect(() => checkSample(poll(0, { inOctets: 2n ** 64n, outOctets: 0n, counterBits: 64 }))).toThrow(/inOctets/);
    expect(() => checkSample(poll(0, { inOctets: 1n, outOctets: 1n, counterBits: null }))).toThrow(/counterBits/);
    expect(() => checkSample(poll(0))).not.toThrow();
  });
});
