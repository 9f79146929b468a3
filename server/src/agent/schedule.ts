// When to poll: each site at a stable phase within its interval (so 10 000 sites at 60 s are
// ~167 polls/s, not one burst a minute), unreachable sites on the same grid after one quick re-check.
// Pure: time is a parameter.

import { fnv1a32 } from '../fnv1a.ts';

/** The site's phase: FNV-1a of its id, stable across restarts and agents, uniform enough to spread phases. */
export function phaseOffsetMs(siteId: string, intervalMs: number): number {
  return fnv1a32(siteId) % intervalMs;
}

/** The first instant strictly after `now` that is `phase` past a multiple of the interval. */
export function nextDueMs(now: number, intervalMs: number, phaseMs: number): number {
  const k = Math.floor((now - phaseMs) / intervalMs) + 1;
  return k * intervalMs + phaseMs;
}

export const RECHECK_FIRST_MS = 15_000;

export type PollTiming = {
  /** When the poll was due (its slot on the site's grid) and when it ended. */
  dueAt: number;
  endedAt: number;
  /** Consecutive `unreachable` polls up to and including this one (0 when it answered). */
  unreachable: number;
  intervalMs: number;
  phaseMs: number;
};

/**
 * When to poll next. Always on the site's fixed grid (phase + k × interval), counted from when the
 * poll was due, not from when a timed-out poll gave up (issue 12: re-checks timed from the end of
 * a 6 s timeout drifted past the 2 × interval a sample may stand for, and a 90 s outage at 10 s
 * came out as 72 s down + 12 s unknown). One exception: the first re-check after a site stops
 * answering comes early, min(15 s, interval) after the failed poll was due (Zabbix waits 15 s), so
 * the outage debounce (2 polls) confirms fast; the grid resumes after it. A poll that overran its
 * interval skips to the next slot after it ended: never a burst.
 */
export function nextPollAt(t: PollTiming): number {
  if (t.unreachable === 1) {
    const early = t.dueAt + Math.min(RECHECK_FIRST_MS, t.intervalMs);
    if (early > t.endedAt) return early;
  }
  return nextDueMs(t.endedAt, t.intervalMs, t.phaseMs);
}

export type Shard = { index: number; count: number };

/** "--shard 2/4": agent 2 of agents 0…3 (0-based, as monitoring's store counts shards). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`--shard "${text}": expected i/n, e.g. 0/4 … 3/4`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) throw new Error(`--shard "${text}": need 0 ≤ i < n (i is 0-based)`);
  return { index, count };
}
