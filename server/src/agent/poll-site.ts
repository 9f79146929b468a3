// One poll of one site: resolve the WAN ifIndex when needed, one GET, classify, build the sample.
// Per-site state (resolved ifIndex, last uptime) lives in the caller, so restarts only cost a walk.
import type { PollSample } from '../monitoring/poll-sample.ts';
import { POLL_TABLE } from '../monitoring/poll-table.ts';
import { OID, pollOids } from './oids.ts';
import { errorReading, looksRebooted, readPoll, replyMismatch, type Reading } from './poll-reading.ts';
import { targetOf, type AgentSite } from './site.ts';
import type { SnmpClient, SnmpTarget } from './snmp-client.ts';

export type SiteState = {
  ifIndex: number | null;
  last?: { sysUpTime: number | null; engineBoots: number | null } | undefined;
};

export type PollOptions = {
  agentId: string;
  now?: () => number;
  /** After a timeout, ask whether an SNMP engine answers at all (tells bad credentials from down). */
  probeOnTimeout?: boolean;
};

type Resolved = { kind: 'ok'; ifIndex: number } | { kind: 'unreachable' } | { kind: 'error'; message: string };

/** Finds the WAN interface's current ifIndex by walking ifName, then ifDescr. */
export async function resolveWan(client: SnmpClient, target: SnmpTarget, wan: AgentSite['wan']): Promise<Resolved> {
  if (!wan.ifName) {
    if (wan.ifIndex !== undefined) return { kind: 'ok', ifIndex: wan.ifIndex };
    return { kind: 'error', message: 'site has neither a WAN ifName nor an ifIndex' };
  }
  for (const column of [OID.ifName, OID.ifDescr]) {
    const res = await client.walk(target, column);
    if (res.kind === 'timeout') return { kind: 'unreachable' };
    if (res.kind !== 'rows') return { kind: 'error', message: res.message };
    const hit = res.rows.find((vb) => vb.kind === 'octets' && vb.value === wan.ifName);
    if (hit) return { kind: 'ok', ifIndex: Number(hit.oid.slice(column.length + 1)) };
  }
  return { kind: 'error', message: `WAN interface "${wan.ifName}" is in neither ifName nor ifDescr` };
}

function emptySample(site: AgentSite, agentId: string, polledAt: number): PollSample {
  const sample: Record<string, unknown> = {
    sampleId: `${agentId}:${site.id}:${polledAt}`, siteId: site.id, polledAt, outcome: 'unreachable',
    ifIndex: null, counterBits: null, error: null,
  };
  for (const row of POLL_TABLE) sample[row.name] = null;
  return sample as PollSample;
}

type Silence = { kind: 'unreachable' } | { kind: 'answering' } | { kind: 'error'; message: string };

/**
 * After a timeout. SNMP has no "wrong community" reply: the agent stays silent. A v3 discovery
 * answer shows that something is listening — but a device coming back from an outage also answers
 * it, a moment after our request timed out (issue 12: 19 % of recoveries were called "wrong
 * community or ACL"). So before blaming the credentials we ask once more with them: an answer means
 * the device is back (the caller polls again), silence again means the silence is ours to fix.
 */
async function afterTimeout(client: SnmpClient, site: AgentSite, probe: boolean): Promise<Silence> {
  const target = targetOf(site);
  if (!probe || !(await client.answersDiscovery(target))) return { kind: 'unreachable' };
  const again = await client.get(target, [OID.sysUpTime]);
  if (again.kind === 'reply') return { kind: 'answering' };
  if (again.kind !== 'timeout') return { kind: 'error', message: again.message };
  return {
    kind: 'error',
    message: site.version === '2c'
      ? 'no reply to our community, yet the device answers SNMPv3 discovery: wrong community or ACL'
      : 'no reply to our authPriv request, yet the device answers SNMPv3 discovery: wrong privacy key?',
  };
}

function fromReading(base: PollSample, r: Reading, ifIndex: number, rttMs: number): PollSample {
  const { interfaceMissing: _, ...values } = r;
  return { ...base, ...values, rttMs, ifIndex };
}

export async function pollSite(client: SnmpClient, site: AgentSite, state: SiteState, opts: PollOptions): Promise<PollSample> {
  const now = opts.now ?? Date.now;
  const polledAt = now();
  const base = emptySample(site, opts.agentId, polledAt);
  const target = targetOf(site);
  const probe = opts.probeOnTimeout ?? true;
  let resolvedNow = false;
  let askedAgain = false;

  /** A timeout's sample, or null when the device turned out to be back (poll again, once). */
  const silence = async (): Promise<PollSample | null> => {
    const s = await afterTimeout(client, site, probe);
    if (s.kind === 'answering' && !askedAgain) {
      askedAgain = true;
      return null;
    }
    if (s.kind === 'error') return { ...base, outcome: 'error', error: s.message };
    return { ...base, outcome: 'unreachable' };
  };

  const resolve = async (): Promise<PollSample | null> => {
    for (;;) {
      const r = await resolveWan(client, target, site.wan);
      if (r.kind === 'unreachable') {
        const s = await silence();
        if (s) return s;
        continue;
      }
      if (r.kind === 'error') return { ...base, outcome: 'error', error: r.message };
      state.ifIndex = r.ifIndex;
      resolvedNow = true;
      return null;
    }
  };

  if (state.ifIndex === null) {
    const failed = await resolve();
    if (failed) return failed;
  }
  for (;;) {
    const ifIndex = state.ifIndex!;
    const oids = pollOids(ifIndex);
    const res = await client.get(target, oids);
    const answeredAt = now();
    if (res.kind === 'timeout') {
      const s = await silence();
      if (s) return s;
      continue;
    }
    if (res.kind !== 'reply') return { ...base, outcome: 'error', error: res.message, rttMs: res.rttMs };
    const mismatch = replyMismatch(oids, res.varbinds);
    const reading = mismatch ? errorReading(mismatch) : readPoll(res.varbinds, ifIndex);
    // The index may have moved (a reboot renumbers interfaces on many devices): look it up again, once.
    const moved = reading.interfaceMissing || looksRebooted(state.last, reading);
    if (moved && site.wan.ifName && !resolvedNow) {
      state.last = undefined;
      const failed = await resolve();
      if (failed) return failed;
      if (state.ifIndex !== ifIndex || reading.interfaceMissing) continue;
    }
    if (reading.sysUpTime !== null) state.last = { sysUpTime: reading.sysUpTime, engineBoots: reading.engineBoots };
    if (reading.interfaceMissing) state.ifIndex = site.wan.ifName ? null : state.ifIndex;
    // A reply shows the device as it was when it answered, so an answered poll is stamped then (a
    // silent one, when it began). Stamped at its start, a device that came back inside a poll —
    // answering a retry, the re-ask after the probe, or a request it had queued while frozen — was
    // back-dated by up to timeout × tries + probe, and its outage came out that much short, past the
    // one interval the model allows (issue 12 fault table: the regional outage row). For an
    // ordinary poll the two differ by the round trip.
    return fromReading(emptySample(site, opts.agentId, answeredAt), reading, ifIndex, res.rttMs);
  }
}
