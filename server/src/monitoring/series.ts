// Read-side lists for a site's page: traffic in buckets and the event log.
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import type { Span } from './rules/availability.ts';

const trafficSql = loadSql(import.meta.url, './sql/traffic-series.sql');
const eventsSql = loadSql(import.meta.url, './sql/site-events-list.sql');

export async function trafficSeries(db: Queryable, siteId: string, span: Span, bucketS: number) {
  const rows = await runSql<{ bucket_s: number; in_bps: number; out_bps: number; peak_bps: number }>(
    db, trafficSql, { site_id: siteId, bucket_s: bucketS, ...span });
  return rows.map((p) => ({ at: new Date(p.bucket_s * 1000).toISOString(), inBps: p.in_bps, outBps: p.out_bps, peakBps: p.peak_bps }));
}

export async function siteEvents(db: Queryable, siteId: string, span: Span, limit = 1000) {
  const rows = await runSql<{ id: number; at: Date; kind: string; details: unknown }>(db, eventsSql, { site_id: siteId, limit, ...span });
  return rows.map((e) => ({ id: Number(e.id), at: e.at.toISOString(), kind: e.kind, details: e.details }));
}
