// Feedback from monitoring to planning on the hand-made fixture (figures worked out in
// tests/db/planning-fixture.test.ts), on the backend under test. Sites get their site_measure rows
// set directly, so the view facility_measured_state says exactly what each case needs:
//   f1 (lit_village, score 75.835153)  ok, 7-day coverage 1     → connected, out of the ranking
//   f2 (lit_village, score 89.447438)  idle                     → connected, flagged idle
//   f3 (near_fibre, score 15.441197)   chronically unavailable  → near_fibre, flagged unreliable;
//                                       with score.unreliable 0.5: 100 / 6.476182 × 0.5 = 7.720598
//   f5 (mobile_only, 640.922929)       down now (site_state)    → unchanged, state shown
//   f7 (unserved, 3.619046)            ok on 30 % coverage      → unchanged (not measured), state shown
// With f1 and f2 connected, Aqsu's trench is f4's drop alone: 9,756.50 USD → 4,585,555 KZT,
// score 300 / 4.585555 × 1.2 = 78.5074.
// Ranks left: f5 640.922929 → 1, f4 78.5074 → 2, f9 10.19119 → 3, f3 7.720598 → 4, f7 3.619046 → 5.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainFacility } from '../../server/src/planning/explain.ts';
import { listGaps } from '../../server/src/planning/gaps-query.ts';
import { parseParameters } from '../../server/src/planning/parameters.ts';
import { recompute } from '../../server/src/planning/recompute.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addSite } from './monitoring-fixtures.ts';
import { insertFixture } from './planning-support/fixture.ts';

const PARAMS = parseParameters({ baseYear: 2026, score: { unreliable: 0.5 } });
let db: TestDatabase;

async function setMeasure(siteId: string, m: { coverage7d: number; idle?: boolean; chronic?: boolean; availability30d?: number }) {
  await db.query(
    `INSERT INTO site_measure (site_id, computed_at, availability_7d, coverage_7d, availability_30d, coverage_30d, mean_bps_7d, idle, chronically_unavailable)
     VALUES ($1, now(), 0.99, $2, $3, 1, 1000, $4, $5)
     ON CONFLICT (site_id) DO UPDATE SET coverage_7d = $2, availability_30d = $3, idle = $4, chronically_unavailable = $5`,
    [siteId, m.coverage7d, m.availability30d ?? 0.99, m.idle ?? false, m.chronic ?? false],
  );
}

type Row = { facility_id: string; gap_class: string; score: number | null; rank: number | null; measured_state: string | null; measured: boolean | null; measured_flag: string | null };
const results = async () =>
  Object.fromEntries((await db.query<Row>(
    'SELECT facility_id, gap_class, score, rank, measured_state, measured, measured_flag FROM plan_result LEFT JOIN plan_rank USING (facility_id)')).map((r) => [r.facility_id, r]));

beforeAll(async () => {
  db = await openTestDatabase();
  await insertFixture(db);
  await recompute(db, PARAMS);
});
afterAll(async () => db?.close());

describe('gap engine reads facility_measured_state', () => {
  it('without monitored sites nothing changes and nothing is flagged', async () => {
    const r = await results();
    expect(r.f1).toMatchObject({ gap_class: 'lit_village', score: 75.835153, rank: 4, measured_state: null, measured_flag: null });
    expect(r.f3).toMatchObject({ gap_class: 'near_fibre', score: 15.441197, measured_state: null });
  });

  it('a change of measured state alone reruns classes and scores, not the measures', async () => {
    await addSite(db, 'ms-f1', { facilityId: 'f1' });
    await addSite(db, 'ms-f2', { facilityId: 'f2' });
    await addSite(db, 'ms-f3', { facilityId: 'f3' });
    await addSite(db, 'ms-f5', { facilityId: 'f5' });
    await addSite(db, 'ms-f7', { facilityId: 'f7' });
    await setMeasure('ms-f1', { coverage7d: 1 });
    await setMeasure('ms-f2', { coverage7d: 1, idle: true });
    await setMeasure('ms-f3', { coverage7d: 0.9, chronic: true, availability30d: 0.8 });
    await setMeasure('ms-f5', { coverage7d: 1 });
    await db.query(`UPDATE site_state SET status = 'down' WHERE site_id = 'ms-f5'`);
    await setMeasure('ms-f7', { coverage7d: 0.3 });
    expect(await recompute(db, PARAMS)).toMatchObject({ spatial: 'unchanged', measured: 0, costs: 'recomputed' });
  });

  it('classes, flags and scores each facility as the contract says', async () => {
    const r = await results();
    expect(r.f1).toMatchObject({ gap_class: 'connected', score: null, rank: null, measured_state: 'ok', measured: true, measured_flag: null });
    expect(r.f2).toMatchObject({ gap_class: 'connected', score: null, rank: null, measured_state: 'idle', measured_flag: 'idle' });
    expect(r.f3).toMatchObject({ gap_class: 'near_fibre', score: 7.720598, rank: 4, measured_state: 'chronically_unavailable', measured_flag: 'unreliable' });
    expect(r.f5).toMatchObject({ gap_class: 'mobile_only', score: 640.922929, rank: 1, measured_state: 'down', measured_flag: null });
    expect(r.f7).toMatchObject({ gap_class: 'unserved', score: 3.619046, rank: 5, measured_state: 'ok', measured: false, measured_flag: null });
    expect(r.f4).toMatchObject({ gap_class: 'lit_village', score: 78.5074, rank: 2, measured_state: null });
  });

  it('shows the state in the gap list and the explanation', async () => {
    const items = await listGaps(db, {}, { sort: 'facilityId', limit: 100, offset: 0 });
    const byId = Object.fromEntries(items.map((i) => [i.facilityId, i]));
    // Connected ones are not gaps: f1, f2 (and f6) leave the default list; the idle one is listed by its flag.
    expect(items.map((i) => i.facilityId)).toEqual(['f3', 'f4', 'f5', 'f7', 'f9']);
    const idle = await listGaps(db, { measuredFlag: 'idle' }, { sort: 'facilityId', limit: 100, offset: 0 });
    expect(idle).toEqual([expect.objectContaining({ facilityId: 'f2', gapClass: 'connected', measuredState: 'idle', measuredFlag: 'idle' })]);
    expect(byId.f3).toMatchObject({ measuredState: 'chronically_unavailable', measuredFlag: 'unreliable' });
    expect(byId.f4).toMatchObject({ measuredState: null, measuredFlag: null });
    const e = (await explainFacility(db, 'f3', PARAMS))!;
    expect(e.monitoring).toEqual({ state: 'chronically_unavailable', measured: true, flag: 'unreliable', availability7d: 0.99, availability30d: 0.8, siteId: 'ms-f3' });
    expect(e.score?.components).toMatchObject({ unreliable: 0.5 });
    expect((await explainFacility(db, 'f4', PARAMS))!.monitoring).toBeNull();
  });

  it('ignores figures that change no state, and follows a state that changes', async () => {
    await setMeasure('ms-f3', { coverage7d: 0.9, chronic: true, availability30d: 0.7 });
    expect(await recompute(db, PARAMS)).toMatchObject({ spatial: 'unchanged', costs: 'unchanged' });
    // The link recovers: chronically unavailable → ok, so f3 leaves the ranking and f7 moves up to 4.
    await setMeasure('ms-f3', { coverage7d: 0.9, availability30d: 0.99 });
    expect(await recompute(db, PARAMS)).toMatchObject({ spatial: 'unchanged', measured: 0, costs: 'recomputed' });
    const r = await results();
    expect(r.f3).toMatchObject({ gap_class: 'connected', score: null, rank: null, measured_state: 'ok', measured_flag: null });
    expect(r.f7).toMatchObject({ rank: 4 });
  });
});
