// The site inventory: create, change, delete, list and bulk-import monitored sites.
// Credentials are encrypted before they reach SQL and never leave this module in clear.
import { randomBytes } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import type { z } from 'zod';
import { AppError, type ErrorDetail } from '../app-error.ts';
import type { Database, Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { encryptCredentials, parseSecretKey } from './credentials.ts';
import { currentStatus, dataAgeS, noRecentData } from './rules/freshness.ts';
import { effectiveSchedule } from './rules/schedule.ts';
import { INITIAL_STATE } from './rules/site-state.ts';
import { csvRecordToInput, siteCreateSchema, sitePatchSchema, type SiteCreate } from './site-input.ts';

const upsertSql = loadSql(import.meta.url, './sql/site-upsert.sql');
const getSql = loadSql(import.meta.url, './sql/site-get.sql');
const updateSql = loadSql(import.meta.url, './sql/site-update.sql');
const deleteSql = loadSql(import.meta.url, './sql/site-delete.sql');
const shareTokenSql = loadSql(import.meta.url, './sql/site-share-token.sql');
const measuredStateSql = loadSql(import.meta.url, './sql/measured-state.sql');
const facilitiesKnownSql = loadSql(import.meta.url, './sql/facilities-known.sql');
const parentsSql = loadSql(import.meta.url, './sql/site-parents.sql');
const lockSql = loadSql(import.meta.url, './sql/site-lock.sql');
const existsSql = loadSql(import.meta.url, './sql/site-exists.sql');
const shareTokensSql = loadSql(import.meta.url, './sql/site-share-tokens.sql');

const SITE_ERROR_STATUS = { invalid_site: 400, unknown_facility: 400, site_not_found: 404, secret_key: 503 } as const;

export class SiteError extends AppError {
  constructor(code: keyof typeof SITE_ERROR_STATUS, message: string, details: ErrorDetail[] = []) {
    super(SITE_ERROR_STATUS[code], code, message, details);
    this.name = 'SiteError';
  }
}

type SiteRow = Record<string, unknown> & { id: string };

/** The public shape of a site: everything but the credentials (version and protocols only).
 * `status` is the current one: `unknown` once the last poll is older than 3 intervals
 * (`noRecentData`); `linkStatus` stays the last known link status, with `dataAgeS` its age. */
export function publicSite(r: Record<string, any>, now: number = Date.now()) {
  const stale = noRecentData(r.last_polled_at, r.interval_s, now);
  const status = currentStatus(r.status, r.last_polled_at, r.interval_s, now);
  return {
    id: r.id, facilityId: r.facility_id, facilityName: r.facility_name ?? null, facilityKind: r.facility_kind ?? null,
    name: r.name, host: r.host, port: r.port,
    snmp: { version: r.snmp_version, authProtocol: r.auth_protocol ?? undefined, privProtocol: r.priv_protocol ?? undefined },
    wan: { ifIndex: r.wan_if_index ?? undefined, ifName: r.wan_if_name ?? undefined },
    intervalS: r.interval_s, timeoutS: r.timeout_s ?? null, committedMbps: r.committed_mbps, slaTarget: r.sla_target,
    operator: r.operator, contract: r.contract, contactPhone: r.contact_phone,
    shareToken: r.share_token, shareUrl: `/s/${r.share_token}`,
    status: r.idle && status === 'up' ? 'idle' : status,
    linkStatus: r.status ?? 'unknown',
    noRecentData: stale,
    dataAgeS: dataAgeS(r.last_polled_at, now),
    statusSince: iso(r.status_since), lastPollAt: iso(r.last_polled_at), lastOutcome: r.last_outcome ?? null,
    lastError: r.last_error ?? null, sysUpTimeS: r.sys_uptime_s ?? null,
    availability24h: r.availability_24h ?? null, availability7d: r.availability_7d ?? null,
    availability30d: r.availability_30d ?? null, availabilityMonth: r.availability_month ?? null,
    coverage24h: r.coverage_24h ?? null, idle: r.idle ?? false, chronicallyUnavailable: r.chronically_unavailable ?? false,
    region: r.region ?? null, lon: r.lon ?? null, lat: r.lat ?? null,
    parentId: r.parent_id ?? null,
    /** The schedule availability is also given over: the site's own, else its kind's default. */
    schedule: effectiveSchedule(r), scheduleIsDefault: r.schedule == null,
  };
}

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d == null ? null : new Date(String(d)).toISOString());

export async function findSites(
  db: Queryable,
  filter: { id?: string; shareToken?: string; operator?: string; limit?: number; offset?: number; regions?: string[]; siteIds?: string[] } = {},
): Promise<Record<string, any>[]> {
  return runSql(db, getSql, {
    regions: filter.regions ?? null, site_ids: filter.siteIds ?? null,
    id: filter.id ?? null, share_token: filter.shareToken ?? null, operator: filter.operator ?? null,
    limit: filter.limit ?? 10_000, offset: filter.offset ?? 0,
  });
}

function validationError(err: z.ZodError, row?: number): SiteError {
  return new SiteError(
    'invalid_site',
    row === undefined ? 'invalid site' : `invalid site in row ${row}`,
    err.issues.map((i) => ({ row, field: i.path.join('.') || 'site', message: i.message })),
  );
}

function key(secretKey: string | undefined): Buffer {
  try {
    return parseSecretKey(secretKey);
  } catch (e) {
    throw new SiteError('secret_key', (e as Error).message);
  }
}

async function checkFacilities(db: Queryable, sites: { facilityId: string; row?: number }[]) {
  const ids = [...new Set(sites.map((s) => s.facilityId))];
  const found = await runSql<{ id: string }>(db, facilitiesKnownSql, { ids });
  const known = new Set(found.map((r) => r.id));
  const missing = sites.filter((s) => !known.has(s.facilityId));
  if (missing.length > 0) {
    throw new SiteError(
      'unknown_facility',
      `${missing.length} site(s) name a facility that does not exist`,
      missing.slice(0, 50).map((s) => ({ row: s.row, field: 'facilityId', message: `no facility '${s.facilityId}'` })),
    );
  }
}

/** A parent must exist (or come in the same import) and must not lead back to the site (no cycles). */
async function checkParents(db: Queryable, sites: { id: string; parentId: string | null; row?: number }[], alsoKnown = new Set<string>()) {
  const rows = await runSql<{ id: string; parent_id: string | null }>(db, parentsSql);
  const parent = new Map(rows.map((r) => [r.id, r.parent_id]));
  for (const s of sites) parent.set(s.id, s.parentId);
  const problems: SiteError['details'] = [];
  for (const s of sites) {
    if (!s.parentId) continue;
    if (!parent.has(s.parentId) && !alsoKnown.has(s.parentId)) {
      problems.push({ row: s.row, field: 'parentId', message: `no site '${s.parentId}'` });
      continue;
    }
    const seen = new Set([s.id]);
    for (let p: string | null | undefined = s.parentId; p; p = parent.get(p)) {
      if (seen.has(p)) {
        problems.push({ row: s.row, field: 'parentId', message: `'${s.parentId}' depends on '${s.id}' already (a cycle)` });
        break;
      }
      seen.add(p);
    }
  }
  if (problems.length > 0) throw new SiteError('invalid_site', 'a parent site is missing or would make a cycle', problems);
}

async function upsert(tx: Queryable, k: Buffer, s: SiteCreate & { id: string }, shareToken: string) {
  await runSql(tx, upsertSql, {
    id: s.id, facility_id: s.facilityId, name: s.name, host: s.host, port: s.port,
    snmp_version: s.snmp.version, credentials_enc: encryptCredentials(k, s.id, s.snmp),
    auth_protocol: s.snmp.version === '3' ? s.snmp.authProtocol : null,
    priv_protocol: s.snmp.version === '3' ? s.snmp.privProtocol : null,
    wan_if_index: s.wan.ifIndex ?? null, wan_if_name: s.wan.ifName ?? null, interval_s: s.intervalS,
    committed_mbps: s.committedMbps, sla_target: s.slaTarget, operator: s.operator, contract: s.contract,
    contact_phone: s.contactPhone, timeout_s: s.timeoutS, share_token: shareToken, initial_state: JSON.stringify(INITIAL_STATE),
    schedule: s.schedule === null ? null : JSON.stringify(s.schedule), parent_id: s.parentId,
  });
}

const newId = () => `site-${randomBytes(6).toString('hex')}`;
/** 128 random bits, URL-safe: the capability behind /api/share/:token. */
export const newShareToken = () => randomBytes(16).toString('base64url');

export async function createSite(db: Database, secretKey: string | undefined, input: unknown): Promise<string> {
  const parsed = siteCreateSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const k = key(secretKey);
  const site = { ...parsed.data, id: parsed.data.id ?? newId() };
  await checkFacilities(db, [site]);
  if (site.parentId) await checkParents(db, [site]);
  const exists = await runSql(db, existsSql, { id: site.id });
  if (exists.length > 0) throw new SiteError('invalid_site', `site '${site.id}' already exists`, [{ field: 'id', message: 'taken' }]);
  await db.transaction((tx) => upsert(tx, k, site, newShareToken()));
  return site.id;
}

export async function updateSite(db: Database, secretKey: string | undefined, id: string, input: unknown): Promise<void> {
  const parsed = sitePatchSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const p = parsed.data;
  await db.transaction(async (tx) => {
    const [row] = await runSql<Record<string, any>>(tx, lockSql, { id });
    if (!row) throw new SiteError('site_not_found', `site '${id}' not found`);
    if (p.facilityId) await checkFacilities(tx, [{ facilityId: p.facilityId }]);
    const set: Record<string, unknown> = {
      facility_id: p.facilityId, name: p.name, host: p.host, port: p.port, interval_s: p.intervalS,
      committed_mbps: p.committedMbps, sla_target: p.slaTarget, operator: p.operator, contract: p.contract,
      contact_phone: p.contactPhone, timeout_s: p.timeoutS,
      schedule: p.schedule === undefined ? undefined : p.schedule === null ? null : JSON.stringify(p.schedule),
      parent_id: p.parentId,
    };
    if (p.parentId) await checkParents(tx, [{ id, parentId: p.parentId }]);
    if (p.wan) Object.assign(set, { wan_if_index: p.wan.ifIndex ?? null, wan_if_name: p.wan.ifName ?? null });
    if (p.snmp) {
      Object.assign(set, {
        snmp_version: p.snmp.version, credentials_enc: encryptCredentials(key(secretKey), id, p.snmp),
        auth_protocol: p.snmp.version === '3' ? p.snmp.authProtocol : null,
        priv_protocol: p.snmp.version === '3' ? p.snmp.privProtocol : null,
      });
    }
    const fields = Object.keys(set).filter((c) => set[c] !== undefined);
    if (fields.length === 0) return;
    // Columns not set this time are still named (as null) for the statement; :fields keeps them.
    await runSql(tx, updateSql, { ...Object.fromEntries(updateSql.names.map((n) => [n, set[n]])), id, fields });
  });
}

/** A new share token; the old link stops working at once. */
export async function renewShareToken(db: Queryable, id: string): Promise<void> {
  await runSql(db, shareTokenSql, { id, share_token: newShareToken() });
}

/** What monitoring tells the gap engine per facility (view facility_measured_state). */
export const measuredState = (db: Queryable) => runSql(db, measuredStateSql);

export async function deleteSite(db: Queryable, id: string): Promise<boolean> {
  return (await runSql(db, deleteSql, { id })).length > 0;
}

export type ImportResult = { imported: number; ids: string[] };

/**
 * Bulk import from CSV (columns: see csvRecordToInput, header row) or JSON (an array of create objects).
 * All or nothing: any invalid row rejects the whole file with every problem listed by row.
 * Rows with an existing id replace that site (its share token and history are kept).
 */
export async function importSites(
  db: Database,
  secretKey: string | undefined,
  content: string,
  format: 'csv' | 'json',
): Promise<ImportResult> {
  let records: unknown[];
  try {
    records = format === 'json'
      ? (JSON.parse(content) as unknown[])
      : (parseCsv(content.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[])
          .map(csvRecordToInput);
  } catch (e) {
    throw new SiteError('invalid_site', `cannot read the ${format.toUpperCase()} file: ${(e as Error).message}`);
  }
  if (!Array.isArray(records)) throw new SiteError('invalid_site', 'a JSON import must be an array of sites');
  const sites: (SiteCreate & { id: string; row: number })[] = [];
  const problems: SiteError['details'] = [];
  records.forEach((r, i) => {
    const row = format === 'csv' ? i + 2 : i + 1; // CSV row 1 is the header
    const p = siteCreateSchema.safeParse(r);
    if (p.success) sites.push({ ...p.data, id: p.data.id ?? newId(), row });
    else problems.push(...validationError(p.error, row).details);
  });
  if (problems.length > 0) throw new SiteError('invalid_site', `${problems.length} problem(s) in the import; nothing was imported`, problems);
  const k = key(secretKey);
  await checkFacilities(db, sites);
  await db.transaction(async (tx) => {
    if (sites.some((s) => s.parentId)) await checkParents(tx, sites, new Set(sites.map((s) => s.id)));
    const existing = await runSql<{ id: string; share_token: string }>(tx, shareTokensSql, { ids: sites.map((s) => s.id) });
    const tokens = new Map(existing.map((e) => [e.id, e.share_token]));
    for (const s of sites) await upsert(tx, k, s, tokens.get(s.id) ?? newShareToken());
  });
  return { imported: sites.length, ids: sites.map((s) => s.id) };
}
