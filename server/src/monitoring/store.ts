// The agent's door into monitoring: which sites to poll (listAgentSites) and where polls go
// (recordSamples). recordSamples stores each poll once and advances the site's state with the
// pure rules (rules/site-state.ts) in the same transaction.
import type { Database, Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { decryptCredentials, parseSecretKey } from './credentials.ts';
import type { PollSample } from './poll-sample.ts';
import { POLL_TABLE } from './poll-table.ts';
import { printable } from './printable.ts';
import type { OutageParams } from './rules/outages.ts';
import { advanceSite, INITIAL_STATE, type SiteEffect, type SiteState } from './rules/site-state.ts';
import { checkShard, inShard, type Shard } from './shard.ts';
import { siteStatusEvents, type StatusChange } from './status-events.ts';

export type AgentSite = {
  id: string;
  host: string;
  port: number;
  version: '2c' | '3';
  community?: string;
  v3?: { user: string; authProtocol: 'sha' | 'sha256'; authKey: string; privProtocol: 'aes' | 'aes256'; privKey: string };
  wan: { ifIndex?: number; ifName?: string };
  intervalS: number;
  /** SNMP timeout per try for this site (slow links); absent = the agent's default. */
  timeoutMs?: number;
  committedMbps: number | null;
  facilityKind: string | null;
  region: string | null;
  operator: string | null;
};

const agentSitesSql = loadSql(import.meta.url, './sql/agent-sites.sql');
const preludeSql = loadSql(import.meta.url, './sql/samples-prelude.sql');
const writeSql = loadSql(import.meta.url, './sql/samples-write.sql');
const outageOpenSql = loadSql(import.meta.url, './sql/outage-open.sql');
const outageCloseSql = loadSql(import.meta.url, './sql/outage-close.sql');
const parentCauseSql = loadSql(import.meta.url, './sql/outage-parent-cause.sql');
const childrenCauseSql = loadSql(import.meta.url, './sql/outage-children-cause.sql');
const alertSql = loadSql(import.meta.url, './sql/alert-enqueue.sql');

/** Sites with decrypted credentials, for the agent only: never log or return these objects. */
export async function listAgentSites(db: Queryable, secretKey: string | undefined, shard?: Shard): Promise<AgentSite[]> {
  if (shard) checkShard(shard);
  const rows = await runSql<Record<string, any>>(db, agentSitesSql);
  const mine = shard ? rows.filter((r) => inShard(r.id, shard)) : rows;
  if (mine.length === 0) return [];
  const key = parseSecretKey(secretKey);
  return mine.map((r) => {
    const creds = decryptCredentials(key, r.id, r.credentials_enc);
    const wan: AgentSite['wan'] = {};
    if (r.wan_if_index !== null) wan.ifIndex = r.wan_if_index;
    if (r.wan_if_name !== null) wan.ifName = r.wan_if_name;
    const timeout = r.timeout_s === null || r.timeout_s === undefined ? {} : { timeoutMs: Math.round(Number(r.timeout_s) * 1000) };
    const site: AgentSite = {
      id: r.id, host: r.host, port: r.port, version: creds.version, wan, intervalS: r.interval_s,
      committedMbps: r.committed_mbps, facilityKind: r.facility_kind, region: r.region, operator: r.operator, ...timeout,
    };
    if (creds.version === '2c') site.community = creds.community;
    else site.v3 = { user: creds.user, authProtocol: creds.authProtocol, authKey: creds.authKey, privProtocol: creds.privProtocol, privKey: creds.privKey };
    return site;
  });
}

export type RecordOptions = { outage?: OutageParams };
export type RecordResult = { inserted: number; duplicates: number; unknownSite: number; late: number };

const finite = (v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);

/** A sample as a poll_sample row: the poll's own columns, then one column per poll-table row. */
function sampleRow(s: PollSample): Record<string, unknown> {
  const row: Record<string, unknown> = {
    sample_id: s.sampleId, site_id: s.siteId, polled_at: new Date(s.polledAt).toISOString(), outcome: s.outcome,
    if_index: s.ifIndex, counter_bits: s.counterBits, error: s.error,
  };
  for (const f of POLL_TABLE) {
    const v = (s as Record<string, unknown>)[f.name] ?? null;
    row[f.column] = typeof v === 'bigint' ? v.toString() : finite(v);
  }
  return row;
}

type EventRow = { site_id: string; at: number; kind: string; details: Record<string, unknown> };

/** Outages and alerts are written at once (rare, and later effects read them); events and status
 * changes are collected: events go with the batch's one write statement (a reboot wave or an
 * implausible-rate storm across the fleet costs no round trip per event). */
async function applyEffect(tx: Queryable, siteId: string, e: SiteEffect, changes: StatusChange[], events: EventRow[]) {
  switch (e.type) {
    case 'outage_open':
      await runSql(tx, outageOpenSql, { site_id: siteId, started_at: e.startedAt, ended_at: null, cause: e.cause, last_good_at: e.lastGoodAt, estimated: false });
      await runSql(tx, parentCauseSql, { site_id: siteId, started_at: e.startedAt });
      await runSql(tx, childrenCauseSql, { site_id: siteId, started_at: e.startedAt });
      return;
    case 'outage_close':
      await runSql(tx, outageCloseSql, { site_id: siteId, started_at: e.startedAt, ended_at: e.endedAt });
      return;
    case 'outage_estimated':
      await runSql(tx, outageOpenSql, { site_id: siteId, started_at: e.startedAt, ended_at: e.endedAt, cause: e.cause, last_good_at: e.lastGoodAt, estimated: true });
      if (e.alert) {
        await runSql(tx, alertSql, { site_id: siteId, started_at: e.startedAt, kind: 'outage_start', at: e.endedAt });
        await runSql(tx, alertSql, { site_id: siteId, started_at: e.startedAt, kind: 'outage_end', at: e.endedAt });
      }
      return;
    case 'alert':
      // The parent's outage may have opened after this one did: look again before alerting.
      if (e.kind === 'outage_start') await runSql(tx, parentCauseSql, { site_id: siteId, started_at: e.startedAt });
      await runSql(tx, alertSql, { site_id: siteId, started_at: e.startedAt, kind: e.kind, at: e.at });
      return;
    case 'event':
      events.push({ site_id: siteId, at: e.event.at, kind: e.event.kind, details: e.event.details });
      return;
    case 'status':
      changes.push({ siteId, status: e.status, at: new Date(e.at).toISOString() });
      return;
  }
}

const OUTCOMES = new Set(['up', 'link_down', 'unreachable', 'error']);

/** The agent is our code, but a bad sample must fail with its id, not corrupt a site's state. */
export function checkSample(s: PollSample): void {
  const bad = (field: string, why: string) => {
    throw new RangeError(`sample ${String(s.sampleId)}: ${field} ${why}`);
  };
  if (typeof s.sampleId !== 'string' || s.sampleId.length === 0) bad('sampleId', 'must be a non-empty string');
  if (typeof s.siteId !== 'string' || s.siteId.length === 0) bad('siteId', 'must be a non-empty string');
  if (!Number.isFinite(s.polledAt)) bad('polledAt', 'must be ms since the epoch');
  if (!OUTCOMES.has(s.outcome)) bad('outcome', `must be one of ${[...OUTCOMES].join(', ')}`);
  if (s.sysUpTime !== null && !(Number.isInteger(s.sysUpTime) && s.sysUpTime >= 0 && s.sysUpTime < 2 ** 32)) bad('sysUpTime', 'must be a 32-bit count of hundredths');
  for (const k of ['inOctets', 'outOctets'] as const) {
    const v = s[k];
    if (v !== null && (typeof v !== 'bigint' || v < 0n || v >= 2n ** 64n)) bad(k, 'must be a bigint in [0, 2^64)');
  }
  if ((s.inOctets !== null || s.outOctets !== null) && s.counterBits !== 32 && s.counterBits !== 64) bad('counterBits', 'must be 32 or 64 when counters are given');
}

/**
 * Stores polls idempotently (by sampleId) and advances each site's state, all in one transaction.
 * Polls are processed per site in polledAt order; a poll not newer than the site's last processed
 * one is stored (it counts for availability) but does not rewind outages, rates or status.
 */
export async function recordSamples(db: Database, samples: PollSample[], opts: RecordOptions = {}): Promise<RecordResult> {
  if (samples.length === 0) return { inserted: 0, duplicates: 0, unknownSite: 0, late: 0 };
  samples.forEach(checkSample);
  // Device text may carry NUL or control bytes, which PostgreSQL refuses in text and jsonb: one such
  // sample used to fail every batch for good (issue 12, 2). Cleaned once, before anything reads it.
  samples = samples.map((s) => (s.error === null ? s : { ...s, error: printable(s.error) }));
  const changes: StatusChange[] = [];
  const result = await db.transaction(async (tx) => {
    const siteIds = [...new Set(samples.map((s) => s.siteId))].sort();
    let from = Infinity, to = -Infinity;
    for (const s of samples) {
      from = Math.min(from, s.polledAt);
      to = Math.max(to, s.polledAt);
    }
    // One round trip: locked states, ids already stored, maintenance. ±1 ms: the bounds go through
    // a float division on the way to timestamptz.
    const [pre] = await runSql<{
      states: { site_id: string; state: SiteState }[]; stored: string[];
      maintenance: { site_id: string | null; f: number; t: number }[]; parents: Record<string, string>;
    }>(
      tx, preludeSql, { site_ids: siteIds, sample_ids: samples.map((s) => s.sampleId), from: from - 1, to: to + 1 });
    const states = new Map(pre!.states.map((r) => [r.site_id, { ...INITIAL_STATE, ...r.state } as SiteState]));
    const stored = new Set(pre!.stored);
    // A parent's maintenance covers its children (the village PoP down for works takes the school with it).
    const inMaintenance = (siteId: string, at: number) => pre!.maintenance.some((m) =>
      (m.site_id === null || m.site_id === siteId || m.site_id === pre!.parents[siteId]) && Number(m.f) <= at && at < Number(m.t));
    // Every site has its state row from birth: none means the site is gone (deleted in flight).
    const known = samples.filter((s) => states.has(s.siteId));
    const unknownSite = samples.length - known.length;
    // A replay, or a sample id seen twice within the batch, is stored once; the copies are duplicates.
    const fresh = new Map<string, PollSample>();
    for (const s of known) if (!stored.has(s.sampleId) && !fresh.has(s.sampleId)) fresh.set(s.sampleId, s);
    const bySite = new Map<string, PollSample[]>();
    for (const s of fresh.values()) (bySite.get(s.siteId) ?? bySite.set(s.siteId, []).get(s.siteId)!).push(s);
    const active = [...bySite.keys()].sort();
    // Each poll is written once, with what the rules derived from it (no second pass over the rows).
    const rows: Record<string, unknown>[] = [];
    const saved: Record<string, unknown>[] = [];
    const events: EventRow[] = [];
    let late = 0;
    for (const siteId of active) {
      let state = states.get(siteId)!;
      const polls = bySite.get(siteId)!.sort((a, b) => a.polledAt - b.polledAt || (a.sampleId < b.sampleId ? -1 : 1));
      let last: PollSample | undefined;
      for (const s of polls) {
        if (state.lastAt !== null && s.polledAt <= state.lastAt) {
          late++;
          rows.push({ ...sampleRow(s), rate_note: 'late', processed: false });
          continue;
        }
        const step = advanceSite(state, s, { inMaintenance: inMaintenance(siteId, s.polledAt), outage: opts.outage });
        for (const e of step.effects) await applyEffect(tx, siteId, e, changes, events);
        rows.push({ ...sampleRow(s), in_bps: step.rate.inBps, out_bps: step.rate.outBps, rate_dt_s: step.rate.dtS, rate_note: step.rate.note, processed: true });
        state = step.state;
        last = s;
      }
      if (last) {
        saved.push({
          site_id: siteId, status: state.status, status_since: state.statusSince, last_at: state.lastAt,
          last_outcome: state.lastOutcome, last_error: last.outcome === 'error' ? last.error : null,
          sys_uptime_s: state.lastReply ? state.lastReply.sysUpTime / 100 : null, state,
        });
      }
    }
    const [w] = rows.length === 0 ? [{ inserted: 0 }]
      : await runSql<{ inserted: number }>(tx, writeSql, { rows: JSON.stringify(rows), states: JSON.stringify(saved), events: JSON.stringify(events) });
    const inserted = Number(w!.inserted);
    return { inserted, duplicates: known.length - inserted, unknownSite, late };
  });
  for (const c of changes) siteStatusEvents.emit('status', c);
  return result;
}

