// One poll's outcome from what the device answered (docs/monitoring-model.md, "One poll").
// Pure: the agent calls it on a reply; monitoring counts `error` as unknown, never as down.
import type { PollOutcome } from '../poll-sample.ts';

export const IF_STATUS_UP = 1;
export const IF_STATUS_DOWN = 2;

export type PollReply =
  | { kind: 'timeout' }
  /** The device answered but said the request is wrong: auth failure, noSuchObject, bad ifIndex. */
  | { kind: 'error'; message: string }
  | { kind: 'reply'; ifOperStatus: number | null; ifAdminStatus: number | null };

export function pollOutcome(reply: PollReply): PollOutcome {
  if (reply.kind === 'timeout') return 'unreachable';
  if (reply.kind === 'error') return 'error';
  // A reply without ifOperStatus means the interface OID is wrong: configuration, not the link.
  if (reply.ifOperStatus === null) return 'error';
  return reply.ifOperStatus === IF_STATUS_UP ? 'up' : 'link_down';
}

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
