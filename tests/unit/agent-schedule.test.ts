// When the agent polls: stable phases, the next due time, the unreachable re-check backoff, --shard.
import { describe, expect, it } from 'vitest';
import { nextDueMs, parseShard, phaseOffsetMs, recheckDelayMs, stableHash } from '../../server/src/agent/schedule.ts';

describe('phaseOffsetMs', () => {
  it('is stable for a site id and inside the interval', () => {
    expect(phaseOffsetMs('site-42', 60_000)).toBe(phaseOffsetMs('site-42', 60_000));
    expect(phaseOffsetMs('site-42', 60_000)).toBe(stableHash('site-42') % 60_000);
  });
  it('FNV-1a of "a" is 0xe40c292c (the published test vector)', () => {
    expect(stableHash('a')).toBe(0xe40c292c);
  });
  it('spreads 6 000 sites over a 60 s interval: every 1 s slot gets 100 ± 40', () => {
    const slots = new Array(60).fill(0);
    for (let i = 0; i < 6000; i++) slots[Math.floor(phaseOffsetMs(`site-${i}`, 60_000) / 1000)]++;
    // Expected 6000/60 = 100 per slot; a uniform spread stays within 4 standard deviations (√100·4 = 40).
    expect(Math.min(...slots)).toBeGreaterThanOrEqual(60);
    expect(Math.max(...slots)).toBeLessThanOrEqual(140);
  });
});

describe('nextDueMs', () => {
  it.each([
    // now, interval, phase → next: the first k·interval + phase strictly after now
    [0, 60_000, 15_000, 15_000],
    [15_000, 60_000, 15_000, 75_000], // exactly at the phase: the next one, not the same instant
    [74_999, 60_000, 15_000, 75_000],
    [1_000_000, 60_000, 0, 1_020_000], // 1 000 000 = 16·60 000 + 40 000 → 17·60 000
  ])('now %d, interval %d, phase %d → %d', (now, interval, phase, want) => {
    expect(nextDueMs(now, interval, phase)).toBe(want);
  });
});

describe('recheckDelayMs (interval 60 s)', () => {
  it.each([
    [1, 15_000], // quick confirmation, as Zabbix does
    [2, 60_000], // then the interval …
    [3, 120_000], // … doubling …
    [4, 120_000], // … capped at 2 × interval: availability counts a sample for at most that long
    [50, 120_000],
  ])('after %d unreachable polls → %d ms', (n, want) => {
    expect(recheckDelayMs(n, 60_000)).toBe(want);
  });
  it('a 10 s interval re-checks after 10 s, not 15', () => {
    expect(recheckDelayMs(1, 10_000)).toBe(10_000);
  });
});

describe('parseShard', () => {
  it('"2/4" is agent 2 of agents 0…3 (0-based, as the store counts)', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('0/1')).toEqual({ index: 0, count: 1 });
  });
  it.each(['4/4', '5/4', '2', 'a/b', '1/0', '-1/4'])('rejects %s', (t) => {
    expect(() => parseShard(t)).toThrow(/--shard/);
  });
});
