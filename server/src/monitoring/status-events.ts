// In-process fan-out of site status changes (recordSamples → SSE). When the agent runs as a
// separate process its writes do not pass through here; the SSE route also watches site_state.
import { EventEmitter } from 'node:events';
import type { Scope } from '../access/scope.ts';
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import type { SiteStatus } from './rules/site-state.ts';

export type StatusChange = { siteId: string; status: SiteStatus; at: string };

export const siteStatusEvents = new EventEmitter<{ status: [StatusChange] }>();
siteStatusEvents.setMaxListeners(0); // one listener per open SSE connection

export type SiteStatusRow = { site_id: string; status: SiteStatus; status_since: Date | null; last_polled_at: Date | null; interval_s: number };
const statusesSql = loadSql(import.meta.url, './sql/site-statuses.sql');

/** Every site's stored status within the scope (what the SSE route compares against). */
export const readSiteStatuses = (db: Queryable, scope: Scope) =>
  runSql<SiteStatusRow>(db, statusesSql, { regions: scope.regions ?? null, site_ids: scope.siteIds ?? null });
