// Outages with debounce (docs/monitoring-model.md, "Outages"). Pure state machine; times in ms.
// An outage opens after N consecutive down polls, back-dated to the first; the first up poll
// closes it. Unknown polls (errors, admin down) neither count towards N nor reset it.
import type { PollClass } from './poll-outcome.ts';

export type OutageCause = 'unreachable' | 'link_down' | 'reboot';

export type OutageParams = {
  /** Consecutive down polls before an outage opens (debounce against single lost packets). */
  debounce: number;
  /** An outage alerts once it has lasted this long. */
  alertAfterMs: number;
};
export const OUTAGE_DEFAULTS: OutageParams = { debounce: 2, alertAfterMs: 5 * 60_000 };

export type OutageState = {
  lastGoodAt: number | null;
  pending: { firstAt: number; count: number; cause: OutageCause } | null;
  open: { startedAt: number; cause: OutageCause; lastGoodAt: number | null; startAlerted: boolean } | null;
};
export const NO_OUTAGE: OutageState = { lastGoodAt: null, pending: null, open: null };

export type OutageEffect =
  | { type: 'outage_open'; startedAt: number; cause: OutageCause; lastGoodAt: number | null }
  | { type: 'outage_close'; startedAt: number; endedAt: number }
  | { type: 'alert'; kind: 'outage_start' | 'outage_end'; startedAt: number; at: number };

export type OutagePoll = {
  at: number;
  cls: PollClass;
  cause: 'unreachable' | 'link_down';
  /** Inside a maintenance window of the site: alerts stay silent. */
  inMaintenance: boolean;
};

export function stepOutage(
  s: OutageState,
  poll: OutagePoll,
  p: OutageParams = OUTAGE_DEFAULTS,
): { state: OutageState; effects: OutageEffect[] } {
  const effects: OutageEffect[] = [];
  if (poll.cls === 'unknown') return { state: s, effects };
  if (poll.cls === 'up') {
    if (s.open) {
      effects.push({ type: 'outage_close', startedAt: s.open.startedAt, endedAt: poll.at });
      if (s.open.startAlerted) effects.push({ type: 'alert', kind: 'outage_end', startedAt: s.open.startedAt, at: poll.at });
    }
    return { state: { lastGoodAt: poll.at, pending: null, open: null }, effects };
  }
  let open = s.open;
  let pending = s.pending;
  if (!open) {
    pending = pending
      ? { ...pending, count: pending.count + 1 }
      : { firstAt: poll.at, count: 1, cause: poll.cause };
    if (pending.count >= p.debounce) {
      open = { startedAt: pending.firstAt, cause: pending.cause, lastGoodAt: s.lastGoodAt, startAlerted: false };
      effects.push({ type: 'outage_open', startedAt: open.startedAt, cause: open.cause, lastGoodAt: open.lastGoodAt });
      pending = null;
    }
  }
  if (open && !open.startAlerted && !poll.inMaintenance && poll.at - open.startedAt >= p.alertAfterMs) {
    open = { ...open, startAlerted: true };
    effects.push({ type: 'alert', kind: 'outage_start', startedAt: open.startedAt, at: poll.at });
  }
  return { state: { lastGoodAt: s.lastGoodAt, pending, open }, effects };
}
