// Outage debounce (N = 2), back-dating, closing, alerts once. Times in minutes.
import { describe, expect, it } from 'vitest';
import { NO_OUTAGE, stepOutage, type OutagePoll, type OutageState } from '../../server/src/monitoring/rules/outages.ts';
import { isIdle, meanRate } from '../../server/src/monitoring/rules/idle.ts';
import { inShard } from '../../server/src/monitoring/shard.ts';

const M = 60_000;
const poll = (min: number, cls: OutagePoll['cls'], extra: Partial<OutagePoll> = {}): OutagePoll => ({
  at: min * M, cls, cause: 'unreachable', inMaintenance: false, ...extra,
});

function run(polls: OutagePoll[], s: OutageState = NO_OUTAGE) {
  const effects = [];
  for (const p of polls) {
    const r = stepOutage(s, p);
    s = r.state;
    effects.push(...r.effects);
  }
  return { state: s, effects };
}

describe('outages', () => {
  it('one lost poll is not an outage', () => {
    expect(run([poll(0, 'up'), poll(1, 'down'), poll(2, 'up')]).effects).toEqual([]);
  });

  it('opens after 2 down polls, back-dated to the first; closes at the first up', () => {
    const r = run([poll(0, 'up'), poll(1, 'down'), poll(2, 'down'), poll(3, 'down'), poll(4, 'up')]);
    expect(r.effects).toEqual([
      { type: 'outage_open', startedAt: 1 * M, cause: 'unreachable', lastGoodAt: 0 },
      { type: 'outage_close', startedAt: 1 * M, endedAt: 4 * M },
    ]);
  });

  it('unknown polls neither count towards nor reset the debounce', () => {
    const r = run([poll(0, 'up'), poll(1, 'down'), poll(2, 'unknown'), poll(3, 'down')]);
    expect(r.effects).toEqual([{ type: 'outage_open', startedAt: 1 * M, cause: 'unreachable', lastGoodAt: 0 }]);
  });

  it('alerts once after 5 min and once at the end', () => {
    // Start 1; polls at 2..7; at 6 it has lasted 5 min → start alert; no second one at 7.
    const polls = [poll(0, 'up'), ...[1, 2, 3, 4, 5, 6, 7].map((m) => poll(m, 'down', { cause: 'link_down' })), poll(8, 'up')];
    const alerts = run(polls).effects.filter((e) => e.type === 'alert');
    expect(alerts).toEqual([
      { type: 'alert', kind: 'outage_start', startedAt: 1 * M, at: 6 * M },
      { type: 'alert', kind: 'outage_end', startedAt: 1 * M, at: 8 * M },
    ]);
  });

  it('a short outage ends without any alert; maintenance silences the start alert', () => {
    expect(run([poll(0, 'up'), poll(1, 'down'), poll(2, 'down'), poll(3, 'up')]).effects.some((e) => e.type === 'alert')).toBe(false);
    const silent = [poll(0, 'up'), ...[1, 2, 3, 4, 5, 6, 7].map((m) => poll(m, 'down', { inMaintenance: true })), poll(8, 'up')];
    expect(run(silent).effects.some((e) => e.type === 'alert')).toBe(false);
  });
});

describe('lit but idle', () => {
  it('up ≥ 95 % and mean < 1 % of committed', () => {
    // 100 Mbit/s committed → threshold 1 Mbit/s.
    expect(isIdle({ upRatio7d: 0.99, meanBps7d: 999_999, committedMbps: 100 })).toBe(true);
    expect(isIdle({ upRatio7d: 0.99, meanBps7d: 1_000_000, committedMbps: 100 })).toBe(false);
    expect(isIdle({ upRatio7d: 0.94, meanBps7d: 0, committedMbps: 100 })).toBe(false);
    expect(isIdle({ upRatio7d: 1, meanBps7d: 0, committedMbps: null })).toBe(false);
  });
  it('mean rate is time-weighted', () => {
    // 10 Mbit/s for 60 s and 0 for 240 s → 600 Mbit / 300 s = 2 Mbit/s.
    expect(meanRate([{ bps: 10e6, dtS: 60 }, { bps: 0, dtS: 240 }])).toBe(2e6);
  });
});

describe('shards', () => {
  it('every site lands in exactly one shard', () => {
    for (const id of ['site-1', 'site-2', 'school-kz-0042']) {
      expect([0, 1, 2, 3].filter((index) => inShard(id, { index, count: 4 }))).toHaveLength(1);
    }
  });
});
