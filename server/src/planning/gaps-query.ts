// The ranked gap list: filters, whitelisted sort keys, paging. All values are bind parameters;
// the ORDER BY text comes only from SORT_KEYS.
import { readFileSync } from 'node:fs';
import type { Queryable } from '../db/database.ts';
import { compileSql, loadSql, runSql, type SqlStatement } from '../db/sql.ts';
import { foldForSearch } from './search-fold.ts';

export const SORT_KEYS = {
  // The rank is the position by score descending, then facility id in byte order (rank.ts): sorted
  // by those, the list walks plan_result's indexes (migration 014) whatever ranks a re-rank rewrote.
  rank: { column: 'k.rank', defaultOrder: 'asc', asc: 'r.score DESC NULLS LAST, r.facility_id COLLATE "C" ASC', desc: 'r.score ASC NULLS LAST, r.facility_id COLLATE "C" DESC' },
  score: { column: 'r.score', defaultOrder: 'desc' },
  tcoUsd: { column: 'r.tco_usd', defaultOrder: 'asc' },
  capexUsd: { column: 'r.capex_usd', defaultOrder: 'asc' },
  beneficiaries: { column: 'r.beneficiaries', defaultOrder: 'desc' },
  name: { column: 'r.name COLLATE "C"', defaultOrder: 'asc' },
  facilityId: { column: 'r.facility_id COLLATE "C"', defaultOrder: 'asc' },
} as const;
export type SortKey = keyof typeof SORT_KEYS;

export type GapFilter = {
  region?: string | undefined;
  kind?: string | undefined;
  gapClass?: string | undefined;
  technology?: string | undefined;
  /** Monitoring's flag: idle (lit, unused) or unreliable (chronically unavailable). */
  measuredFlag?: 'idle' | 'unreliable' | undefined;
  q?: string | undefined;
  /** The caller's admin1 regions (access scope); undefined: all. */
  regions?: string[] | undefined;
  bbox?: { minx: number; miny: number; maxx: number; maxy: number } | undefined;
  /** in (default): the planning universe; out: out of scope (cities and towns by default); all. */
  scope?: 'in' | 'out' | 'all' | undefined;
};

export type GapItem = {
  facilityId: string; name: string | null; nameRu: string | null; nameKk: string | null; nameEn: string | null;
  kind: string; subkind: string | null; settlementId: string | null; settlementName: string | null;
  admin1Id: string | null; admin2Id: string | null; gapClass: string; technology: string | null;
  capexUsd: number | null; opexUsdPerYear: number | null; tcoUsd: number | null; tcoKzt: number | null;
  beneficiaries: number; score: number | null; rank: number | null; lon: number; lat: number; provenance: string;
  /** Monitoring's state for the facility (null: not monitored) and the flag it put on the record. */
  measuredState: string | null; measuredFlag: 'idle' | 'unreliable' | null;
  /** rural, urban or unknown (settlement's place); out-of-scope rows are listed, never ranked. */
  settlementType: string | null; inScope: boolean; underserved: boolean;
  /** The chosen technology's TCO had it been built alone (tcoUsd is the allocated share). */
  standaloneTcoUsd: number | null; shareGroup: string | null;
};

const read = (f: string) => readFileSync(new URL(f, import.meta.url), 'utf8');
const filter = read('./gaps-filter.sql').replace(/^--.*$/gm, '');
const after = read('./gaps-after.sql').replace(/^--.*$/gm, '');
const countSql = compileSql(read('./gaps-count.sql').replaceAll('{{filter}}', filter).replaceAll('{{after}}', after), 'gaps-count.sql');
const pageSql = new Map<string, SqlStatement>();
for (const [key, spec] of Object.entries(SORT_KEYS)) {
  for (const order of ['asc', 'desc'] as const) {
    // Ties fall to the rank (score descending, unranked last: the rank's own order, on plan_result's
    // index) and then the facility id, byte order (the rank's own order needs neither).
    const by = 'asc' in spec ? spec[order] : `${spec.column} ${order.toUpperCase()} NULLS LAST, r.score DESC NULLS LAST, r.facility_id COLLATE "C"`;
    pageSql.set(`${key}:${order}`, compileSql(read('./gaps.sql').replaceAll('{{filter}}', filter).replaceAll('{{after}}', after).replaceAll('{{order}}', by), `gaps.sql(${key} ${order})`));
  }
}

/** Lower-cased (as search_text is) and with LIKE wildcards escaped: the user's text is matched literally. */
export function likeText(q: string): string {
  return q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
}

const regionLevelSql = loadSql(import.meta.url, './gaps-region-level.sql');

/** The region filter's parameters (gaps-filter.sql): the id under the one column that holds it, or under either. */
async function regionParams(db: Queryable, region: string | undefined) {
  const none = { region_admin1: null, region_admin2: null, region_either: null };
  if (region === undefined) return none;
  const [at] = await runSql<{ admin1: boolean; admin2: boolean }>(db, regionLevelSql, { region });
  if (at?.admin1 && !at.admin2) return { ...none, region_admin1: region };
  if (at?.admin2 && !at.admin1) return { ...none, region_admin2: region };
  return { ...none, region_either: region };
}

async function filterParams(db: Queryable, f: GapFilter) {
  return {
    ...(await regionParams(db, f.region)),
    regions: f.regions ?? null,
    kind: f.kind ?? null,
    gap_class: f.gapClass ?? null,
    technology: f.technology ?? null,
    measured_flag: f.measuredFlag ?? null,
    q: f.q ? likeText(f.q) : null,
    q_folded: f.q ? likeText(foldForSearch(f.q)) : null,
    in_scope: f.scope === 'all' ? null : f.scope !== 'out',
    has_bbox: !!f.bbox,
    minx: f.bbox?.minx ?? 0, miny: f.bbox?.miny ?? 0, maxx: f.bbox?.maxx ?? 0, maxy: f.bbox?.maxy ?? 0,
  };
}

/** Which part of the list a statement reads (gaps-after.sql): all of it, or one part after a cursor. */
type After = { after: 'ranked' | 'unranked' | null; cursor_score: number | null; cursor_id: string | null };
const WHOLE: After = { after: null, cursor_score: null, cursor_id: null };

export async function countGaps(db: Queryable, f: GapFilter, part: After = WHOLE): Promise<number> {
  const [row] = await runSql<{ total: number }>(db, countSql, { ...(await filterParams(db, f)), ...part });
  return row?.total ?? 0;
}

/** Where a rank-ordered page ends: the last row's score (null: unranked rows, listed last) and id. */
export type GapCursor = { score: number | null; id: string };

export const encodeCursor = (g: Pick<GapItem, 'score' | 'facilityId'>): string => Buffer.from(JSON.stringify([g.score, g.facilityId])).toString('base64url');

/** The cursor a page handed out, or null when the text is not one. */
export function decodeCursor(text: string): GapCursor | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && (v[0] === null || Number.isFinite(v[0])) && typeof v[1] === 'string') return { score: v[0] as number | null, id: v[1] };
  } catch {
    // not base64url JSON: fall through
  }
  return null;
}

export async function listGaps(
  db: Queryable,
  f: GapFilter,
  page: { sort: SortKey; order?: 'asc' | 'desc' | undefined; limit: number; offset: number; cursor?: GapCursor | undefined },
): Promise<GapItem[]> {
  const order = page.order ?? SORT_KEYS[page.sort].defaultOrder;
  const stmt = pageSql.get(`${page.sort}:${order}`)!;
  const params = await filterParams(db, f);
  const read = (part: After, limit: number, offset: number) => runSql<GapItem>(db, stmt, { ...params, ...part, limit, offset });
  // A cursor continues the rank order (score descending, then id): callers accept it with sort=rank, asc only.
  const c = page.cursor;
  if (!c) return read(WHOLE, page.limit, page.offset);
  const unranked = (offset: number, limit: number) => read({ after: 'unranked', cursor_score: null, cursor_id: c.score === null ? c.id : null }, limit, offset);
  if (c.score === null) return unranked(page.offset, page.limit);
  // The ranked rows after the cursor, then (the page not full) the unranked rows, from their first
  // less what is left of the offset. Two statements: a write committed between them shows in the
  // second (as it would between two pages); the page is kept under the version read before both.
  const part: After = { after: 'ranked', cursor_score: c.score, cursor_id: c.id };
  const ranked = await read(part, page.limit, page.offset);
  if (ranked.length === page.limit) return ranked;
  // The offset went on past the ranked rows only when none was left for the page (rare: a cursor and an offset).
  const skip = ranked.length === 0 && page.offset > 0 ? Math.max(0, page.offset - (await countGaps(db, f, part))) : 0;
  return [...ranked, ...(await unranked(skip, page.limit - ranked.length))];
}
