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
const insertSql = loadSql(import.meta.url, './sql/samples-insert.sql');
const derivedSql = loadSql(import.meta.url, './sql/samples-derived.sql');
const outageOpenSql = loadSql(import.meta.url, './sql/outage-open.sql');
const outageCloseSql = loadSql(import.meta.url, './sql/outage-close.sql');
const alertSql = loadSql(import.meta.url, './sql/alert-enqueue.sql');
const eventSql = loadSql(import.meta.url, './sql/event-insert.sql');
const stateSql = loadSql(import.meta.url, './sql/state-save.sql');

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

/** Spans of maintenance per site (site_id NULL applies to all), for the time range of a batch. */
async function maintenanceFor(tx: Queryable, siteIds: string[], from: number, to: number) {
  const rows = await tx.query<{ site_id: string | null; f: number; t: number }>(
    `SELECT site_id, extract(epoch FROM starts_at) * 1000 AS f, extract(epoch FROM ends_at) * 1000 AS t
     FROM maintenance_window
     WHERE (site_id IS NULL OR site_id = ANY($1::text[])) AND starts_at <= to_timestamp($3 / 1000.0)
       AND ends_at > to_timestamp($2 / 1000.0)`,
    [siteIds, from, to],
  );
  return (siteId: string, at: number) =>
    rows.some((r) => (r.site_id === null || r.site_id === siteId) && Number(r.f) <= at && at < Number(r.t));
}

async function applyEffect(tx: Queryable, siteId: string, e: SiteEffect, changes: StatusChange[]) {
  switch (e.type) {
    case 'outage_open':
      await runSql(tx, outageOpenSql, { site_id: siteId, started_at: e.startedAt, ended_at: null, cause: e.cause, last_good_at: e.lastGoodAt, estimated: false });
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
      await runSql(tx, alertSql, { site_id: siteId, started_at: e.startedAt, kind: e.kind, at: e.at });
      return;
    case 'event':
      await runSql(tx, eventSql, { site_id: siteId, at: e.event.at, kind: e.event.kind, details: JSON.stringify(e.event.details) });
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
    const inserted = new Set(
      (await runSql<{ sample_id: string }>(tx, insertSql, { rows: JSON.stringify(samples.map(sampleRow)) })).map((r) => r.sample_id),
    );
    // Within one batch a sample id seen twice is inserted once; the copy is a duplicate.
    const fresh = new Map<string, PollSample>();
    for (const s of samples) if (inserted.has(s.sampleId) && !fresh.has(s.sampleId)) fresh.set(s.sampleId, s);
    const bySite = new Map<string, PollSample[]>();
    for (const s of fresh.values()) (bySite.get(s.siteId) ?? bySite.set(s.siteId, []).get(s.siteId)!).push(s);
    const siteIds = [...bySite.keys()].sort(); // lock in a fixed order: no deadlock between batches
    const states = new Map<string, SiteState>();
    if (siteIds.length > 0) {
      const rows = await tx.query<{ site_id: string; state: SiteState }>(
        'SELECT site_id, state FROM site_state WHERE site_id = ANY($1::text[]) ORDER BY site_id FOR UPDATE', [siteIds]);
      for (const r of rows) states.set(r.site_id, { ...INITIAL_STATE, ...r.state });
    }
    let first = Infinity, lastAt = -Infinity;
    for (const s of fresh.values()) {
      first = Math.min(first, s.polledAt);
      lastAt = Math.max(lastAt, s.polledAt);
    }
    const inMaintenance = siteIds.length > 0 ? await maintenanceFor(tx, siteIds, first, lastAt) : () => false;
    const derived: Record<string, unknown>[] = [];
    const saved: Record<string, unknown>[] = [];
    let late = 0;
    for (const siteId of siteIds) {
      let state = states.get(siteId);
      if (!state) continue; // the site was deleted while this batch was in flight
      const polls = bySite.get(siteId)!.sort((a, b) => a.polledAt - b.polledAt || (a.sampleId < b.sampleId ? -1 : 1));
      let last: PollSample | undefined;
      for (const s of polls) {
        if (state.lastAt !== null && s.polledAt <= state.lastAt) {
          late++;
          derived.push({ sample_id: s.sampleId, in_bps: null, out_bps: null, dt_s: null, note: 'late', processed: false });
          continue;
        }
        const step = advanceSite(state, s, { inMaintenance: inMaintenance(siteId, s.polledAt), outage: opts.outage });
        for (const e of step.effects) await applyEffect(tx, siteId, e, changes);
        derived.push({ sample_id: s.sampleId, in_bps: step.rate.inBps, out_bps: step.rate.outBps, dt_s: step.rate.dtS, note: step.rate.note, processed: true });
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
    if (derived.length > 0) await runSql(tx, derivedSql, { rows: JSON.stringify(derived) });
    if (saved.length > 0) await runSql(tx, stateSql, { rows: JSON.stringify(saved) });
    const allIds = [...new Set(samples.map((s) => s.siteId))];
    const existing = new Set(
      (await tx.query<{ id: string }>('SELECT id FROM monitored_site WHERE id = ANY($1::text[])', [allIds])).map((r) => r.id),
    );
    const unknownSite = samples.filter((s) => !existing.has(s.siteId)).length;
    return { inserted: inserted.size, duplicates: samples.length - inserted.size - unknownSite, unknownSite, late };
  });
  for (const c of changes) siteStatusEvents.emit('status', c);
  return result;
}

