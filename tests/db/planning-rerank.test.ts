// Issue 14: a cost-only re-rank (measures cached, results updated in one statement, only the rows
// that moved) leaves plan_result byte for byte as a full recompute with the same parameters does,
// on the backend under test; with DATABASE_URL set, also the same on both backends. And the list
// sorted by rank (walked by score and facility id since migration 014) is the rank order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSynthetic } from '../../scripts/synthetic-scale.ts';
import { listGaps } from '../../server/src/planning/gaps-query.ts';
import { parseParameters, type Parameters } from '../../server/src/planning/parameters.ts';
import { costOnlySlice, recompute, type RecomputeReport } from '../../server/src/planning/recompute.ts';
import { openTestDatabase, serverUrl, type TestDatabase } from '../support/db.ts';
import { insertFixture } from './planning-support/fixture.ts';

const A = parseParameters();
// Two unit costs and a demand figure: fibre and 4G choices move, so do scores and ranks.
const B = parseParameters({ fibre: { perKmUsd: 5200 }, lte: { cpeUsd: 450 }, demandMbps: { library: 14 } });

async function results(db: TestDatabase): Promise<string> {
  const rows = await db.query(
    `SELECT facility_id, name, search_text, kind, settlement_id, admin1_id, admin2_id, gap_class, technology, capex_usd,
            opex_usd_per_year, tco_usd, tco_kzt, beneficiaries, score, rank, measured_state, measured, measured_flag,
            settlement_type, in_scope, underserved, standalone_tco_usd, share_group, ST_AsText(geom) AS geom
     FROM plan_result LEFT JOIN plan_rank USING (facility_id) ORDER BY facility_id COLLATE "C"`,
  );
  return JSON.stringify(rows);
}

type Run = { report: RecomputeReport; results: string; list: string };
async function run(db: TestDatabase, p: Parameters, full: boolean, costShares?: number, costThreads?: number): Promise<Run> {
  const report = await recompute(db, p, { full, costShares, costThreads });
  const list = JSON.stringify(await listGaps(db, { scope: 'all' }, { sort: 'rank', limit: 5000, offset: 0 }));
  return { report, results: await results(db), list };
}

/** Full at A, cost-only to B, full at B, cost-only back to A: what each left in plan_result. */
async function sequence(db: TestDatabase) {
  await insertFixture(db);
  await generateSynthetic(db, { facilities: 1500, routeKm: 1500, roadKm: 2000, seed: 14 });
  const fullA = await run(db, A, true);
  const incB = await run(db, B, false);
  const fullB = await run(db, B, true);
  const incA = await run(db, A, false);
  const ranked = await db.query<{ facility_id: string }>('SELECT facility_id FROM plan_rank ORDER BY rank');
  // The cost stage in three settlement-whole shares (as at national scale, recompute.ts), full and cost-only.
  const sharesFullA = await run(db, A, true, 3);
  const sharesIncB = await run(db, B, false, 3);
  // On two worker threads (evaluate-pool.ts): inputs handed out fresh, then kept by the threads.
  const threadsFullA = await run(db, A, true, undefined, 2);
  const threadsIncB = await run(db, B, false, undefined, 2);
  const threadsIncA = await run(db, A, false, undefined, 2);
  // Shares on threads: each share evaluated while the next is read, absorbed in order.
  const sharesThreadsIncB = await run(db, B, false, 3, 2);
  const sharesThreadsFullA = await run(db, A, true, 3, 2);
  return { fullA, incB, fullB, incA, sharesFullA, sharesIncB, threadsFullA, threadsIncB, threadsIncA, sharesThreadsIncB, sharesThreadsFullA, rankOrder: ranked.map((r) => r.facility_id) };
}

describe('cost-only re-rank vs full recompute', () => {
  const dbs: TestDatabase[] = [];
  let here: Awaited<ReturnType<typeof sequence>>;
  const slice = costOnlySlice.facilities;
  beforeAll(async () => {
    // A cost-only re-rank sends the figures of every ~100 facilities while it evaluates the next (about
    // twenty statements here): the table must come out as one statement after the evaluation leaves it.
    costOnlySlice.facilities = 100;
    const db = await openTestDatabase();
    dbs.push(db);
    here = await sequence(db);
  }, 600_000);
  afterAll(async () => {
    costOnlySlice.facilities = slice;
    for (const db of dbs) await db.close();
  });

  it('re-ranks in memory and updates only the rows that moved', () => {
    expect(here.incB.report).toMatchObject({ spatial: 'unchanged', costs: 'recomputed', write: 'update', measured: 0 });
    expect(here.incB.report.rowsChanged).toBeGreaterThan(0);
    expect(here.incB.report.rowsChanged).toBeLessThanOrEqual(here.incB.report.facilities);
    expect(here.fullB.report.write).toBe('rewrite');
  });

  it('leaves plan_result byte for byte as a full recompute with the same parameters', () => {
    expect(here.incB.results).not.toBe(here.fullA.results); // B really moved something
    expect(here.incB.results).toBe(here.fullB.results);
    expect(here.incA.results).toBe(here.fullA.results);
    expect(here.incB.list).toBe(here.fullB.list);
    expect(here.incA.list).toBe(here.fullA.list);
  });

  it('gives the same results when facilities are evaluated in settlement-whole shares', () => {
    expect(here.sharesFullA.report.write).toBe('rewrite');
    expect(here.sharesIncB.report.write).toBe('update');
    expect(here.sharesFullA.results).toBe(here.fullA.results);
    expect(here.sharesIncB.results).toBe(here.fullB.results);
    expect(here.sharesIncB.list).toBe(here.fullB.list);
  });

  it('gives the same results when facilities are evaluated on worker threads', () => {
    expect(here.threadsIncB.report.write).toBe('update');
    expect(here.threadsIncB.report.rowsChanged).toBeGreaterThan(0);
    expect(here.threadsFullA.results).toBe(here.fullA.results);
    expect(here.threadsIncB.results).toBe(here.fullB.results);
    expect(here.threadsIncA.results).toBe(here.fullA.results);
    expect(here.threadsIncA.list).toBe(here.fullA.list);
    expect(here.sharesThreadsIncB.report.write).toBe('update');
    expect(here.sharesThreadsIncB.results).toBe(here.fullB.results);
    expect(here.sharesThreadsFullA.results).toBe(here.fullA.results);
  });

  it('keeps half of each page of plan_result free for the re-rank\'s updates after a full rewrite (migration 014)', async () => {
    const [t] = await dbs[0]!.query<{ reloptions: string[] | null }>(`SELECT reloptions FROM pg_class WHERE relname = 'plan_result'`);
    expect(t!.reloptions).toContain('fillfactor=50');
  });

  it('lists by rank in rank order (the score-ordered indexes give the same order)', () => {
    const listed = (JSON.parse(here.incA.list) as Array<{ facilityId: string; rank: number | null }>).filter((g) => g.rank !== null);
    expect(listed.length).toBeGreaterThan(100);
    expect(listed.map((g) => g.facilityId)).toEqual(here.rankOrder.slice(0, listed.length));
    expect(listed.map((g) => g.rank)).toEqual(listed.map((_, i) => i + 1));
  });

  it.skipIf(!serverUrl)('gives the same results and list on both backends, full and cost-only', async () => {
    const other = await openTestDatabase({ backend: 'embedded' });
    dbs.push(other);
    const there = await sequence(other);
    for (const k of ['fullA', 'incB', 'fullB', 'incA'] as const) {
      expect(there[k].results, k).toBe(here[k].results);
      expect(there[k].list, k).toBe(here[k].list);
    }
  }, 600_000);
});
