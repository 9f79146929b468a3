// Stale is a state (issue 12): a site whose last poll is older than 3 intervals has "no recent
// data" — the agent is down, sharded away, or behind — and must not keep showing its last known
// state as if it were current. Pure: time is a parameter.
import type { SiteStatus } from './site-state.ts';

/** How many intervals without a processed poll before a site has no recent data. */
export const STALE_AFTER_INTERVALS = 3;

const ms = (t: Date | string | number | null | undefined): number | null =>
  t == null ? null : t instanceof Date ? t.getTime() : typeof t === 'number' ? t : Date.parse(t);

/** Seconds since the last processed poll, or null when there was none. */
export function dataAgeS(lastPolledAt: Date | string | number | null | undefined, now: number): number | null {
  const at = ms(lastPolledAt);
  return at === null ? null : Math.max(0, (now - at) / 1000);
}

/** True when no poll is newer than STALE_AFTER_INTERVALS × interval (or there never was one). */
export function noRecentData(lastPolledAt: Date | string | number | null | undefined, intervalS: number, now: number): boolean {
  const age = dataAgeS(lastPolledAt, now);
  return age === null || age > STALE_AFTER_INTERVALS * intervalS;
}

/** The status to show: the last known one only while it is recent; otherwise `unknown`. */
export function currentStatus(status: SiteStatus | null | undefined, lastPolledAt: Date | string | number | null | undefined, intervalS: number, now: number): SiteStatus {
  return noRecentData(lastPolledAt, intervalS, now) ? 'unknown' : (status ?? 'unknown');
}
