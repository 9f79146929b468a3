// Maintenance windows (site_id null: every site): excluded from SLA figures, alerts silenced.
// Storage only; the rules read windows through measures.ts.
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';

export type MaintenanceWindow = { id: number; siteId: string | null; startsAt: string; endsAt: string; reason: string | null };

const listSql = loadSql(import.meta.url, './sql/maintenance-list.sql');
const addSql = loadSql(import.meta.url, './sql/maintenance-add.sql');
const deleteSql = loadSql(import.meta.url, './sql/maintenance-delete.sql');

/** The last 100 windows that cover a site (its own and the all-sites ones), newest first. */
export async function listMaintenance(db: Queryable, siteId: string): Promise<MaintenanceWindow[]> {
  const rows = await runSql<{ id: number; site_id: string | null; starts_at: Date; ends_at: Date; reason: string | null }>(db, listSql, { site_id: siteId });
  return rows.map((w) => ({ id: Number(w.id), siteId: w.site_id, startsAt: w.starts_at.toISOString(), endsAt: w.ends_at.toISOString(), reason: w.reason }));
}

export async function addMaintenance(db: Queryable, w: { siteId: string; startsAt: string; endsAt: string; reason?: string | null | undefined }): Promise<number> {
  const [row] = await runSql<{ id: number }>(db, addSql, { site_id: w.siteId, starts_at: w.startsAt, ends_at: w.endsAt, reason: w.reason ?? null });
  return Number(row!.id);
}

/** False when the site has no such window. */
export async function deleteMaintenance(db: Queryable, siteId: string, id: number): Promise<boolean> {
  return (await runSql(db, deleteSql, { id, site_id: siteId })).length > 0;
}
