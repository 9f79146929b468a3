// Attaches facilities that have no settlement id to the nearest settlement within a radius
// (planning model: default 3 km, geodesic); the rest are orphans, reported and never dropped.
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';

const attachSql = loadSql(import.meta.url, './attach-facilities.sql');
const orphansSql = loadSql(import.meta.url, './orphan-facilities.sql');

export const DEFAULT_ATTACH_RADIUS_M = 3000;

export type AttachReport = { attached: number; orphans: number; orphanIds: string[] };

export async function attachFacilitiesToSettlements(
  tx: Queryable,
  options: { radiusM?: number; maxOrphanIds?: number } = {},
): Promise<AttachReport> {
  const attached = await runSql(tx, attachSql, { radius_m: options.radiusM ?? DEFAULT_ATTACH_RADIUS_M });
  const orphans = await runSql<{ id: string }>(tx, orphansSql);
  return {
    attached: attached.length,
    orphans: orphans.length,
    orphanIds: orphans.slice(0, options.maxOrphanIds ?? 100).map((o) => o.id),
  };
}
