// How one poll's outcome counts (docs/monitoring-model.md, "One poll"). The agent decides the
// outcome from the reply (agent/poll-reading.ts); monitoring counts `error` as unknown, never as down.
import type { PollOutcome } from '../poll-sample.ts';

const IF_STATUS_DOWN = 2;

/** Admin down is a deliberate switch-off: reported as link_down but never a fault (no outage). */
export function isAdminDown(s: { outcome: PollOutcome; ifAdminStatus: number | null }): boolean {
  return s.outcome === 'link_down' && s.ifAdminStatus === IF_STATUS_DOWN;
}

/** How a poll counts for availability and outages. */
export type PollClass = 'up' | 'down' | 'unknown';

export function pollClass(s: { outcome: PollOutcome; ifAdminStatus: number | null }): PollClass {
  if (s.outcome === 'up') return 'up';
  if (s.outcome === 'error' || isAdminDown(s)) return 'unknown';
  return 'down';
}
