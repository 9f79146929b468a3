// Oblast names in the report's language (falls back to English, then the id).
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import type { Lang } from './report-labels.ts';

const regionNamesSql = loadSql(import.meta.url, './region-names.sql');

export async function regionNames(db: Queryable, lang: Lang): Promise<Record<string, string>> {
  const rows = await runSql<{ id: string; name_ru: string | null; name_kk: string | null; name_en: string | null }>(db, regionNamesSql);
  return Object.fromEntries(rows.map((x) => [x.id, (lang === 'kk' ? x.name_kk : lang === 'en' ? x.name_en : x.name_ru) ?? x.name_en ?? x.id]));
}
