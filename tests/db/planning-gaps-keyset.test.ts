// Issue 14: keyset pages of the ranked gap list (gaps-after.sql, gaps-query.ts listGaps). A page after
// a cursor is the very page an offset gives, across the line between ranked and unranked rows, with or
// without an offset of its own; and the cursor is a seek on a score-ordered index, not a walk from the
// top (at 2.2 M facilities a page 500,000 rows down took 1.6 s while its condition was one OR).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSynthetic } from '../../scripts/synthetic-scale.ts';
import type { Queryable } from '../../server/src/db/database.ts';
import { listGaps, type GapCursor, type GapFilter, type GapItem } from '../../server/src/planning/gaps-query.ts';
import { parseParameters } from '../../server/src/planning/parameters.ts';
import { recompute } from '../../server/src/planning/recompute.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { insertFixture } from './planning-support/fixture.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
  await insertFixture(db);
  await generateSynthetic(db, { facilities: 400, routeKm: 600, roadKm: 800, seed: 21 });
  await recompute(db, parseParameters(), { full: true });
}, 300_000);
afterAll(async () => {
  await db?.close();
});

const cursorAt = (g: GapItem): GapCursor => ({ score: g.score, id: g.facilityId });
const idsOf = (items: GapItem[]) => items.map((g) => g.facilityId);

describe('keyset pages of the gap list', () => {
  it.each<[string, (first: GapItem) => GapFilter]>([
    ['the planning universe', () => ({})],
    ['every facility (unranked rows last)', () => ({ scope: 'all' })],
    ['a region', (first) => ({ region: first.admin1Id! })],
  ])('gives after each row, with offsets 0 to 3, the rows offset pages give: %s', async (_, filterFrom) => {
    const [first] = await listGaps(db, {}, { sort: 'rank', limit: 1, offset: 0 });
    const f = filterFrom(first!);
    const all = await listGaps(db, f, { sort: 'rank', limit: 100_000, offset: 0 });
    expect(all.length).toBeGreaterThan(5);
    if (f.scope === 'all') {
      // The line between ranked and unranked rows is in the list, with rows on both sides.
      expect(all.some((g) => g.score === null)).toBe(true);
      expect(all.some((g) => g.score !== null)).toBe(true);
    }
    const limit = 3;
    for (let i = 0; i < all.length; i++) {
      for (const offset of [0, 1, 2, 3]) {
        const page = await listGaps(db, f, { sort: 'rank', limit, offset, cursor: cursorAt(all[i]!) });
        expect(idsOf(page), `after row ${i}, offset ${offset}`).toEqual(idsOf(all.slice(i + 1 + offset, i + 1 + offset + limit)));
      }
    }
  }, 300_000);

  // A cursor among the ranked rows must be an index condition (a seek), whichever plan the planner
  // would choose on so small a table: with sequential scans and sorts made costly, only an indexable
  // condition leaves a score-ordered index scan with a bound on the score.
  it('seeks the cursor on a score-ordered index', async () => {
    const all = await listGaps(db, {}, { sort: 'rank', limit: 100_000, offset: 0 });
    const mid = all[Math.floor(all.length / 2)]!;
    expect(mid.score).not.toBeNull();
    const plans: string[] = [];
    await db.transaction(async (tx) => {
      await tx.exec('SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off; SET LOCAL enable_bitmapscan = off');
      const explaining: Queryable = {
        ...tx,
        query: async <T,>(sql: string, params?: readonly unknown[]) => {
          const rows = await tx.query<Record<string, unknown>>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
          plans.push(JSON.stringify(rows[0]!['QUERY PLAN']));
          return [] as T[];
        },
      };
      await listGaps(explaining, {}, { sort: 'rank', limit: 10, offset: 0, cursor: cursorAt(mid) });
    });
    // The ranked part is read first; no rows came back (EXPLAIN), so the unranked part is read next.
    expect(plans.length).toBe(2);
    const scansOf = (plan: string) => {
      const scans: Array<Record<string, unknown>> = [];
      const walk = (n: unknown) => {
        if (Array.isArray(n)) n.forEach(walk);
        else if (n && typeof n === 'object') {
          const o = n as Record<string, unknown>;
          if (o['Node Type'] === 'Index Scan' || o['Node Type'] === 'Index Only Scan') scans.push(o);
          Object.values(o).forEach(walk);
        }
      };
      walk(JSON.parse(plan));
      return scans;
    };
    const seeks = (plan: string, cond: RegExp) => {
      const scans = scansOf(plan);
      expect(scans.some((s) => /^plan_result_/.test(String(s['Index Name'])) && cond.test(String(s['Index Cond'] ?? ''))), JSON.stringify(scans.map((s) => [s['Index Name'], s['Index Cond']]))).toBe(true);
    };
    seeks(plans[0]!, /score <=/); // the ranked rows after the cursor
    seeks(plans[1]!, /score IS NULL/); // then the unranked rows, from their first
  }, 120_000);
});
