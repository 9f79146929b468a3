// The contract between the SNMP agent (which polls) and monitoring (which stores and judges):
// one poll of one site's WAN interface, as read, before any interpretation beyond its outcome.
export type PollOutcome = 'up' | 'link_down' | 'unreachable' | 'error';

export type PollSample = {
  /** Unique and stable for this poll (agent id + site id + polledAt): replays are idempotent. */
  sampleId: string;
  siteId: string;
  /** Wall-clock time the request was sent, ms since the epoch. */
  polledAt: number;
  outcome: PollOutcome;
  /** Round-trip time in ms; null when there was no reply. */
  rttMs: number | null;
  /** sysUpTime.0 in hundredths of a second (32-bit, wraps after 497.1 days). */
  sysUpTime: number | null;
  /** snmpEngineBoots when the device has it (v3), else null. */
  engineBoots: number | null;
  /** ifIndex the WAN interface resolved to at this poll (may move after a reboot). */
  ifIndex: number | null;
  ifOperStatus: number | null;
  ifAdminStatus: number | null;
  /** Octet counters, exact. counterBits says whether they are Counter64 (HC) or Counter32. */
  inOctets: bigint | null;
  outOctets: bigint | null;
  counterBits: 32 | 64 | null;
  /** ifHighSpeed in Mbit/s. */
  ifSpeedMbps: number | null;
  /** ifCounterDiscontinuityTime (hundredths), when available. */
  discontinuityTime: number | null;
  /** For `error`: what the device said (auth failure, noSuchObject, …). Never a credential. */
  error: string | null;
};
