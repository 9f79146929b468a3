// The gap engine on the hand-made fixture (tests/db/planning-support/fixture.ts), on the backend
// under test. Every figure below is worked out by hand; the engine must reproduce it.
//
// Geometry near 50°N (WGS84, a = 6378137, f = 1/298.257223563, e² = 0.00669438):
//   one degree of longitude = N·cosφ·π/180: 71,770.08 m at 49.95°, 71,755.22 m at 49.96°,
//   71,591.60 m at 50.07°; one degree of latitude = M·π/180 ≈ 111,228.1 m at 49.95°, 111,230.2 m at 50.06°.
//   The built route r-main is the meridian 70.01°E; its closest point to a facility is (almost exactly,
//   < 1 cm) at the facility's latitude, so the route distance is the parallel arc to 70.01°E.
// Parameters: the defaults (T = 10, r = 5 %, g = 10 %; school 20 Mbps, others 10).
//   PVIFA(5 %, 10) = 7.7217349; G = Σ (1.1/1.05)^t = 13.0313232; 1/1.05^5 = 0.7835262; 1/1.05^7 = 0.7106813.
//   satellite (any facility: a flat fee) 800 + 626.82 + 2,480 × 7.7217349 = 20,576.72
//   radio link (p2p) school: 4,500 × 1.7106813 + 450 × 7.7217349 + 200 × G = 13,779.11; 10 Mbps: 12,475.98
//   4G 10 Mbps: 200 × 1.7835262 + 100 × G = 1,659.84
//   fibre drop of path d via a splice: 500 + 8 × d + 400 capex; + 0.1 × d × 7.7217349 + 10 × D0 × G.
//
// Aqsu (village; the route r-main passes 717.70 m away, no PoP in 5 km: lit, but no village radio):
//   f1 hub school, 200 beneficiaries: route 0.01°·71,770.08 = 717.70 m, splice (70.01, 49.95), path 861.24 m;
//      alone fibre 7,789.92 + 86.124 × 7.72 + 200 × G = 11,061.21; radio link 13,779.11; 3G too slow
//      (20 × 1.1^10 = 51.9 > 5 Mbps) → alone: fibre.
//   f2 FAP, 800 people, on satellite (unknown speed: keep feasible, 626.82 + 19,149.90 = 19,776.72);
//      route 1,435.40 m, same splice, path 1,722.48: alone fibre 17,313.03; radio link 12,475.98 → alone: radio link.
//   f4 library (no settlement; nearest Aqsu 1,112.28 m ≤ 3 km), 1000 × 0.3 = 300: route 717.55 m,
//      splice (70.01, 49.96), path 861.06: alone fibre 9,756.50.
//   One choice for Aqsu: all three on fibre. The trench hangs from the network at both splices:
//      f4 ← splice(49.96) 861.06, f1 ← splice(49.95) 861.24, f2 ← f1 861.24 (0.01° at 49.95°N on the
//      ellipsoid, 717.70 m, × 1.2) = 2,583.54 m; capex 3 × 500 + 8 × 2,583.54 + 2 × 400 = 22,968.32;
//      TCO 22,968.32 + 258.354 × 7.72 + 40 × 10 × G = 30,175.79, against 33,293.69 with f2 on a radio link
//      (and 32,872 for f1 + f2 sharing, f4 on a radio link). Shares by stand-alone fibre TCO (Σ 38,130.74):
//      f1 8,753.59 → 4,114,187 KZT, score 200 / 4.114187 × hub 1.3 × lit 1.2 = 75.835153
//      f2 13,701.14 → 6,439,536 KZT, score 800 / 6.439536 × satellite 0.6 × lit 1.2 = 89.447438
//      f4  7,721.07 → 3,628,903 KZT, score 300 / 3.628903 × lit 1.2 = 99.203533
//      (Before issue 16 the f2 ← f1 step was measured on a sphere: 858.59, 2,580.89 m, 30,152.54.)
//   f6 school on fibre → connected, not ranked.
// f3 school, Kokterek (not lit: route 6,445.92 m, PoP 14,324.27 m), 100 beneficiaries: road detour
//   10,892.45 m → near_fibre, fibre 88,039.60 capex (99,056.73); radio link 13,779.11 < satellite → p2p_radio.
//   6,476,182 KZT; score 100 / 6.476182 = 15.441197.
// f5 FAP without settlement at (71, 49): orphan, inside 4G → mobile_only, 4G 1,659.84 → 780,125 KZT;
//   score 500 / 0.780125 = 640.922929.
// f7 and f10: identical schools in Shalgai (hamlet, 72°E 51°N), 35 beneficiaries, 2G only. The PPP route
//   r-plan (planned for 2027 in this test; the plan's base year is 2026) passes 0.001° of longitude at 51°N =
//   70.20 m (Vincenty) away: not fibre today → unserved. Alone: satellite 20,576.72. Phased: wait
//   w = 2027 − 2026 = 1 year on satellite: 800 + 2,480 / 1.05 = 3,161.90; then a drop of 70.20 × 1.2 =
//   84.24 m bought in year 1: (500 + 8 × 84.24 + 400) / 1.05 = 1,573.92 / 1.05 = 1,498.97, and years 2–10 of
//   8.424 USD maintenance + 10 × 20 × 1.1^t, discounted = 2,453.77 → TCO 7,114.64 → wait for the PPP fibre.
//   3,343,881 KZT; score 35 / 3.343881 = 10.46688 (f10 before f7: equal scores, ids in byte order).
// f8 hospital in the town of Qala (out of the rural scope): listed, not ranked; a city's people are not
//   credited to one building: beneficiaries = its staff, 150.
// f9 school, Raduga (village, PoP 10 km north-south, no coverage), 66 beneficiaries: radio link 13,779.11
//   beats satellite and a 12 km fibre drop → score 66 / 6.476182 = 10.191190.
// Ranks: f5 1, f4 2, f2 3, f1 4, f3 5, f10 6, f7 7, f9 8.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainFacility } from '../../server/src/planning/explain.ts';
import { parseParameters } from '../../server/src/planning/parameters.ts';
import { recompute } from '../../server/src/planning/recompute.ts';
import { regionRollups } from '../../server/src/planning/regions.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { insertFixture } from './planning-support/fixture.ts';
import { geodesicM } from '../../server/src/planning/geodesy.ts';

export const FIXTURE_PARAMS = parseParameters({ baseYear: 2026 });

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
  await insertFixture(db);
  await db.exec(`INSERT INTO facility (id, kind, name, settlement_id, students, staff, connection, geom, dataset_id, provenance)
    SELECT 'f10', kind, name, settlement_id, students, staff, connection, geom, dataset_id, provenance FROM facility WHERE id = 'f7'`);
  await db.exec(`UPDATE fibre_route SET year = 2027 WHERE id = 'r-plan'`);
  await recompute(db, FIXTURE_PARAMS);
});
afterAll(async () => db?.close());

type Result = { facility_id: string; gap_class: string; technology: string | null; capex_usd: number | null; tco_usd: number | null; tco_kzt: number | null; beneficiaries: number; score: number | null; rank: number | null; in_scope: boolean; settlement_type: string | null; share_group: string | null; standalone_tco_usd: number | null };
const results = async () =>
  Object.fromEntries(
    (await db.query<Result>('SELECT facility_id, gap_class, technology, capex_usd, tco_usd, tco_kzt, beneficiaries, score, rank, in_scope, settlement_type, share_group, standalone_tco_usd FROM plan_result LEFT JOIN plan_rank USING (facility_id)')).map((r) => [r.facility_id, r]),
  );

describe('planning fixture: measures', () => {
  it('measures distances to the PoP and to the built route, with the splice point', async () => {
    const m = Object.fromEntries((await db.query<Record<string, number | string | null>>('SELECT * FROM plan_measure')).map((r) => [r.facility_id, r]));
    expect(m.f1!.route_distance_m).toBeCloseTo(717.70, 1);
    expect(m.f1!.splice_lon).toBeCloseTo(70.01, 6);
    expect(m.f1!.splice_lat).toBeCloseTo(49.95, 6);
    expect(m.f2!.route_distance_m).toBeCloseTo(1435.40, 1);
    expect(m.f3!.route_distance_m).toBeCloseTo(6445.92, 1);
    expect(m.f4!.route_distance_m).toBeCloseTo(717.55, 1);
    expect(m.f1!.pop_distance_m).toBeCloseTo(24214.52, 1);
    expect(m.f3!.pop_distance_m).toBeCloseTo(14324.27, 1);
    expect(m.f1!.mobile_technology).toBe('3G');
    expect(m.f5!.mobile_technology).toBe('4G');
    expect(m.f7!.mobile_technology).toBe('2G');
  });

  it('agrees with an independent geodesic (Vincenty) to the centimetre', async () => {
    const rows = await db.query<{ facility_id: string; lon: number; lat: number; pop_lon: number; pop_lat: number; pop_distance_m: number; splice_lon: number; splice_lat: number; route_distance_m: number }>(
      'SELECT m.*, ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat FROM plan_measure m JOIN facility f ON f.id = m.facility_id',
    );
    for (const r of rows) {
      expect(r.pop_distance_m, r.facility_id).toBeCloseTo(geodesicM([r.lon, r.lat], [r.pop_lon, r.pop_lat]), 2);
      // The route distance is to the line; the splice point found on it must be (nearly) that far.
      expect(geodesicM([r.lon, r.lat], [r.splice_lon, r.splice_lat]) - r.route_distance_m, r.facility_id).toBeLessThan(0.05);
      expect(geodesicM([r.lon, r.lat], [r.splice_lon, r.splice_lat]) - r.route_distance_m, r.facility_id).toBeGreaterThan(-0.05);
    }
  });

  it('attaches a facility without settlement to the nearest within 3 km, else reports an orphan', async () => {
    const m = Object.fromEntries((await db.query<{ facility_id: string; settlement_id: string | null; attach_method: string; attach_distance_m: number | null; admin1_id: string | null }>(
      'SELECT facility_id, settlement_id, attach_method, attach_distance_m, admin1_id FROM plan_measure')).map((r) => [r.facility_id, r]));
    expect(m.f4).toMatchObject({ settlement_id: 's-aqsu', attach_method: 'nearest', admin1_id: 'T1' });
    expect(m.f4!.attach_distance_m).toBeCloseTo(1112.28, 1);
    expect(m.f5).toMatchObject({ settlement_id: null, attach_method: 'orphan', admin1_id: null });
    expect(m.f1).toMatchObject({ settlement_id: 's-aqsu', attach_method: 'given' });
  });

  it('follows the road detour and says how far the snap was', async () => {
    const [f3] = await db.query<{ road_path_splice_m: number; road_path_pop_m: number | null; road_snap_m: number; road_note: string }>(
      `SELECT road_path_splice_m, road_path_pop_m, road_snap_m, road_note FROM plan_measure WHERE facility_id = 'f3'`);
    expect(f3!.road_path_splice_m).toBeCloseTo(10892.45, 1);
    expect(f3!.road_snap_m).toBeCloseTo(0, 3);
    expect(f3!.road_path_pop_m).toBeNull();
    expect(f3!.road_note).toBe('no_road_near_access');
  });
});

describe('planning fixture: classes, costs, ranks', () => {
  it('classifies, costs and ranks every facility as worked out by hand', async () => {
    const r = await results();
    expect(r.f1).toMatchObject({ gap_class: 'lit_village', technology: 'fibre', tco_usd: 8753.59, tco_kzt: 4114187, beneficiaries: 200, score: 75.835153, rank: 4 });
    expect(r.f2).toMatchObject({ gap_class: 'lit_village', technology: 'fibre', tco_usd: 13701.14, tco_kzt: 6439536, beneficiaries: 800, score: 89.447438, rank: 3 });
    expect(r.f3).toMatchObject({ gap_class: 'near_fibre', technology: 'p2p_radio', capex_usd: 4500, tco_usd: 13779.11, tco_kzt: 6476182, beneficiaries: 100, score: 15.441197, rank: 5 });
    expect(r.f4).toMatchObject({ gap_class: 'lit_village', technology: 'fibre', tco_usd: 7721.07, tco_kzt: 3628903, beneficiaries: 300, score: 99.203533, rank: 2 });
    expect(r.f5).toMatchObject({ gap_class: 'mobile_only', technology: 'lte', capex_usd: 200, tco_usd: 1659.84, tco_kzt: 780125, beneficiaries: 500, score: 640.922929, rank: 1 });
    expect(r.f6).toMatchObject({ gap_class: 'connected', technology: null, tco_usd: null, score: null, rank: null });
    expect(r.f7).toMatchObject({ gap_class: 'unserved', technology: 'planned_fibre', tco_usd: 7114.64, tco_kzt: 3343881, score: 10.46688, rank: 7 });
    expect(r.f10).toMatchObject({ gap_class: 'unserved', technology: 'planned_fibre', score: 10.46688, rank: 6 });
    expect(r.f8).toMatchObject({ in_scope: false, settlement_type: 'urban', beneficiaries: 150, score: null, rank: null });
    expect(r.f9).toMatchObject({ gap_class: 'near_fibre', technology: 'p2p_radio', tco_usd: 13779.11, score: 10.19119, rank: 8 });
  });

  it('tells Shalgai to wait for the planned PPP fibre, with the interim link and the year', async () => {
    const e = (await explainFacility(db, 'f7', FIXTURE_PARAMS))!;
    const phased = e.options.find((o) => o.technology === 'planned_fibre')!;
    expect(phased).toMatchObject({ feasible: true, capexUsd: 800, tcoUsd: 7114.64, reason: { code: 'wait_for_fibre', values: { year: 2027, wait: 1, interim: 'satellite', km: 0.08 } } });
    expect(phased.replacements).toEqual([{ year: 1, item: 'fibre cable and trench', usd: 673.92 }, { year: 1, item: 'fibre site equipment', usd: 500 }, { year: 1, item: 'mid-span splice', usd: 400 }]);
    expect(e.options.find((o) => o.technology === 'satellite')).toMatchObject({ feasible: true, tcoUsd: 20576.72 });
    // With the route dated beyond the horizon, waiting is not an option: satellite again.
    const late = (await explainFacility(db, 'f7', { ...FIXTURE_PARAMS, baseYear: 2017 }))!;
    expect(late.options.find((o) => o.technology === 'planned_fibre')).toMatchObject({ feasible: false, reason: { code: 'planned_beyond_horizon' } });
    expect(late.choice?.technology).toBe('satellite');
  });

  it('shares one trench in Aqsu and shows each member its share and its stand-alone figure', async () => {
    const r = await results();
    for (const id of ['f1', 'f2', 'f4']) expect(r[id]!.share_group, id).toBe('trench:s-aqsu');
    expect([r.f1!.standalone_tco_usd, r.f2!.standalone_tco_usd, r.f4!.standalone_tco_usd]).toEqual([11061.21, 17313.03, 9756.5]);
    const e = (await explainFacility(db, 'f2', FIXTURE_PARAMS))!;
    expect(e.choice).toMatchObject({ technology: 'fibre', tcoUsd: 13701.14, standaloneTcoUsd: 17313.03, group: { kind: 'trench', memberIds: ['f1', 'f2', 'f4'] } });
    expect(e.choice!.group!.lengthM).toBeCloseTo(2583.54, 1);
    // Alone it would take the radio link: the explanation says so.
    expect(e.options.find((o) => o.technology === 'p2p_radio')).toMatchObject({ feasible: true, tcoUsd: 12475.98 });
    expect(e.options.find((o) => o.technology === 'keep')).toMatchObject({ feasible: true, tcoUsd: 19776.72 });
  });

  it('explains one facility: every option, the choice and why the others lost', async () => {
    const e = (await explainFacility(db, 'f3', FIXTURE_PARAMS))!;
    expect(e.measures).toMatchObject({ pathM: 10892.45, pathMethod: 'roads', accessPoint: 'splice', snapM: 0 });
    const fibre = e.options.find((o) => o.technology === 'fibre')!;
    expect(fibre).toMatchObject({ feasible: true, capexUsd: 88039.6, tcoUsd: 99056.73 });
    expect(e.choice?.technology).toBe('p2p_radio');
    expect(e.whyOthersLost.map((w) => [w.technology, w.reason])).toEqual([
      ['keep', 'infeasible'], ['fibre', 'costlier'], ['village_radio', 'infeasible'], ['lte', 'infeasible'], ['satellite', 'costlier'],
    ]);
    expect(e.score?.components).toEqual({ beneficiaries: 100, tcoMillionKzt: 6.476182, connection: 1, hubSchool: 1, litVillage: 1, unreliable: 1 });
  });

  it('rolls up regions so that every level adds up to the inputs', async () => {
    const [facilities] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM facility');
    const [settlements] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM settlement');
    for (const level of ['admin1', 'admin2', 'national'] as const) {
      const rows = await regionRollups(db, level, FIXTURE_PARAMS);
      expect(rows.reduce((s, r) => s + r.facilities, 0), level).toBe(facilities!.n);
      expect(rows.reduce((s, r) => s + r.settlements, 0), level).toBe(settlements!.n);
      for (const r of rows) expect(Object.values(r.byGapClass).reduce((a, b) => a + b, 0)).toBe(r.facilities);
    }
    const a1 = Object.fromEntries((await regionRollups(db, 'admin1', FIXTURE_PARAMS)).map((r) => [r.regionId, r]));
    // T1: Aqsu, Kokterek, Belagash, Qala, Raduga; fibre reaches Aqsu (route), Belagash (PoP) and Qala (PoP 1.1 km).
    // Its cost to connect is new work in scope: the Aqsu trench 30,175.79 + f3 and f9 13,779.11 each.
    expect(a1.T1).toMatchObject({ settlements: 5, settlementsWithFibre: 3, settlementsWithMobileBroadband: 1, facilities: 7, gaps: 6, outOfScope: 1,
      byGapClass: { connected: 1, lit_village: 4, near_fibre: 2, mobile_only: 0, unserved: 0 } });
    expect(a1.T1!.costToConnectUsd).toBeCloseTo(30175.79 + 2 * 13779.11, 1);
    expect(a1.T2).toMatchObject({ settlements: 1, settlementsWithFibre: 0, facilities: 2, byGapClass: { unserved: 2 } });
    expect(a1.unassigned).toMatchObject({ settlements: 0, facilities: 1, orphans: 1, byGapClass: { mobile_only: 1 } });
    // T1's gaps: 6 of the nation's 9.
    expect(a1.T1!.shareOfNationalGap).toBeCloseTo(6 / 9, 6);
  });
});

describe('planning fixture: incremental recompute', () => {
  it('keeps the measures when only a cost parameter changes', async () => {
    const before = await db.query('SELECT * FROM plan_measure ORDER BY facility_id');
    const report = await recompute(db, parseParameters({ baseYear: 2026, fibre: { perKmUsd: 9000 } }));
    expect(report).toMatchObject({ spatial: 'unchanged', measured: 0, costs: 'recomputed' });
    expect(await db.query('SELECT * FROM plan_measure ORDER BY facility_id')).toEqual(before);
    // f3's fibre option: 500 + 9 × 10,892.45 + 400 = 98,932.05; the radio link still wins.
    const e = (await explainFacility(db, 'f3', parseParameters({ baseYear: 2026, fibre: { perKmUsd: 9000 } })))!;
    expect(e.options.find((o) => o.technology === 'fibre')!.capexUsd).toBe(98932.05);
    expect((await results()).f3!.technology).toBe('p2p_radio');
  });

  it('hashes the facility rows only when some statement wrote facility since the last recompute', async () => {
    // Nothing written: the cost-only run reads the write counter (migration 016) and skips the hashes.
    const quiet = await recompute(db, parseParameters({ baseYear: 2026, fibre: { perKmUsd: 9100 } }));
    expect(quiet).toMatchObject({ spatial: 'unchanged', measured: 0, costs: 'recomputed' });
    expect(quiet.phasesMs.changedFacilities).toBeUndefined();
    // A write that changes no row still moves the counter: the hashes run and find nothing to re-measure.
    await db.exec(`UPDATE facility SET name = name WHERE id = 'f4'`);
    const touched = await recompute(db, parseParameters({ baseYear: 2026, fibre: { perKmUsd: 9200 } }));
    expect(touched).toMatchObject({ spatial: 'unchanged', measured: 0 });
    expect(touched.phasesMs.changedFacilities).toBeGreaterThanOrEqual(0);
    expect((await recompute(db, parseParameters({ baseYear: 2026, fibre: { perKmUsd: 9300 } }))).phasesMs.changedFacilities).toBeUndefined();
  });

  it('re-measures only the facility whose row changed', async () => {
    await db.exec(`UPDATE facility SET geom = ST_SetSRID(ST_MakePoint(70.005, 49.96), 4326) WHERE id = 'f4'`);
    const report = await recompute(db, FIXTURE_PARAMS);
    expect(report).toMatchObject({ spatial: 'incremental', measured: 1, costs: 'recomputed' });
    expect(report.phasesMs.changedFacilities).toBeGreaterThanOrEqual(0);
    // f4 is now 0.005°·71,755.22 = 358.78 m from the route.
    const [f4] = await db.query<{ route_distance_m: number }>(`SELECT route_distance_m FROM plan_measure WHERE facility_id = 'f4'`);
    expect(f4!.route_distance_m).toBeCloseTo(358.78, 1);
  });

  it('re-measures everything when a spatial layer changes, and does nothing when nothing did', async () => {
    await db.exec(`INSERT INTO fibre_pop (id, kind, settlement_id, geom, dataset_id, provenance)
      VALUES ('p-kok', 'splice', 's-kok', ST_SetSRID(ST_MakePoint(70.1, 50.05), 4326), 'fx', 'illustrative')`);
    expect(await recompute(db, FIXTURE_PARAMS)).toMatchObject({ spatial: 'full', measured: 10 });
    expect((await results()).f3!.gap_class).toBe('lit_village');
    expect(await recompute(db, FIXTURE_PARAMS)).toMatchObject({ spatial: 'unchanged', costs: 'unchanged', measured: 0 });
  });
});
