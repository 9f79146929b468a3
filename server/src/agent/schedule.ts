// When to poll: each site at a stable phase within its interval (so 10 000 sites at 60 s are
// ~167 polls/s, not one burst a minute), and unreachable sites re-checked on a bounded backoff.
// Pure: time is a parameter.

/** FNV-1a of the site id: stable across restarts and agents, uniform enough to spread phases. */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function phaseOffsetMs(siteId: string, intervalMs: number): number {
  return stableHash(siteId) % intervalMs;
}

/** The first instant strictly after `now` that is `phase` past a multiple of the interval. */
export function nextDueMs(now: number, intervalMs: number, phaseMs: number): number {
  const k = Math.floor((now - phaseMs) / intervalMs) + 1;
  return k * intervalMs + phaseMs;
}

export const RECHECK_FIRST_MS = 15_000;

/**
 * Delay before re-checking a site after its n-th consecutive `unreachable` poll (n ≥ 1).
 * First a quick re-check (Zabbix waits 15 s) so the outage debounce (2 polls) confirms fast;
 * then the interval, doubling, but never past 2 × interval: availability counts a sample for at
 * most 2 × interval, so a longer gap would turn a known outage into unknown time.
 */
export function recheckDelayMs(consecutiveUnreachable: number, intervalMs: number): number {
  if (consecutiveUnreachable <= 1) return Math.min(RECHECK_FIRST_MS, intervalMs);
  return Math.min(intervalMs * 2 ** (consecutiveUnreachable - 2), 2 * intervalMs);
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
