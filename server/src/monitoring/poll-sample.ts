// The contract between the SNMP agent (which polls) and monitoring (which stores and judges):
// one poll of one site's WAN interface, as read, before any interpretation beyond its outcome.
// The polled values come from the poll table (poll-table.ts); the rest is the poll itself.
import type { PolledValues } from './poll-table.ts';

export type PollOutcome = 'up' | 'link_down' | 'unreachable' | 'error';

export type PollSample = {
  /** Unique and stable for this poll (agent id + site id + polledAt): replays are idempotent. */
  sampleId: string;
  siteId: string;
  /** Wall-clock time the request was sent, ms since the epoch. */
  polledAt: number;
  outcome: PollOutcome;
  /** ifIndex the WAN interface resolved to at this poll (may move after a reboot). */
  ifIndex: number | null;
  /** Whether inOctets/outOctets are Counter64 (HC) or Counter32 (the poll table's fallbacks). */
  counterBits: 32 | 64 | null;
  /** For `error`: what the device said (auth failure, noSuchObject, …). Never a credential. */
  error: string | null;
} & PolledValues;
