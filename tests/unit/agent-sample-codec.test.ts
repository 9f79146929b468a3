// PollSample ⇄ NDJSON line: exact counters through the disk buffer, and torn lines refused by field.
import { describe, expect, it } from 'vitest';
import { decodeSample, encodeSample } from '../../server/src/agent/sample-codec.ts';
import type { PollSample } from '../../server/src/monitoring/poll-sample.ts';

const sample: PollSample = {
  sampleId: 'agent-a:site-1:1795597922772', siteId: 'site-1', polledAt: 1795597922772, outcome: 'up', rttMs: 1.5,
  sysUpTime: 4294967295, engineBoots: 7, ifIndex: 3, ifOperStatus: 1, ifAdminStatus: 1,
  inOctets: 18446744073709551615n, // 2^64 − 1: a JSON number would round it to 18446744073709552000
  outOctets: 9007199254740993n, // 2^53 + 1: the first integer a double cannot hold
  counterBits: 64, ifSpeedMbps: 1000, discontinuityTime: 0, error: null,
};

describe('sample codec', () => {
  it('round-trips counters past 2^53 exactly', () => {
    const line = encodeSample(sample);
    expect(line).toContain('"inOctets":"18446744073709551615"');
    expect(decodeSample(line)).toEqual(sample);
  });

  it('round-trips an unreachable sample with nulls', () => {
    const s: PollSample = { ...sample, outcome: 'unreachable', rttMs: null, sysUpTime: null, engineBoots: null, ifIndex: null, ifOperStatus: null, ifAdminStatus: null, inOctets: null, outOctets: null, counterBits: null, ifSpeedMbps: null, discontinuityTime: null };
    expect(decodeSample(encodeSample(s))).toEqual(s);
  });

  it.each([
    ['a torn line', '{"sampleId":"a:b:1","siteId":"b","outc', /JSON/],
    ['an unknown outcome', JSON.stringify({ ...JSON.parse(encodeSample(sample)), outcome: 'down' }), /outcome: down/],
    ['a counter as a number', JSON.stringify({ ...JSON.parse(encodeSample(sample)), inOctets: 5 }), /inOctets/],
    ['counterBits 16', JSON.stringify({ ...JSON.parse(encodeSample(sample)), counterBits: 16 }), /counterBits/],
  ])('refuses %s', (_name, line, why) => {
    expect(() => decodeSample(line)).toThrow(why);
  });
});
