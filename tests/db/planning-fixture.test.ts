// The gap engine on the hand-made fixture (tests/db/planning-support/fixture.ts), on the backend
// under test. Every figure below is worked out by hand; the engine must reproduce it.
//
// Geometry near 50°N (WGS84, a = 6378137, f = 1/298.257223563, e² = 0.00669438):
//   one degree of longitude = N·cosφ·π/180: 71,770.08 m at 49.95°, 71,755.22 m at 49.96°,
//   71,591.60 m at 50.07°; one degree of latitude = M·π/180 ≈ 111,228.1 m at 49.95°, 111,230.2 m at 50.06°.
//   The built route r-main is the meridian 70.01°E; its closest point to a facility is (almost exactly,
//   < 1 cm) at the facility's latitude, so the route distance is the parallel arc to 70.01°E.
// Parameters: defaults, except satellite.monthlyFeeUsd = 200 (a LEO business plan), so that fibre
//   and LTE can beat satellite. PVIFA(5 %, 5 y) = (1 − 1.05^−5)/0.05 = 4.3294767.
//   satellite TCO: 20 Mbps: 800 + (80 + 6.4·20 + 12·200)·4.3294767 = 800 + 2608·4.3294767 = 12,091.28
//                  10 Mbps: 800 + (80 + 64 + 2400)·4.3294767 = 11,814.19
//   LTE TCO 10 Mbps: 200 + (24 + 1200)·4.3294767 = 5,499.28;  radio 20 Mbps: 4500 + 4450·4.3294767 = 23,766.17
//
// f1 hub school, Aqsu (70.00, 49.95), 180 + 20 = 200 beneficiaries, connection none:
//   route 0.01°·71,770.08 = 717.70 m; splice (70.01, 49.95); PoP p-bel 24,214.52 m (Vincenty).
//   Aqsu lies 717.70 m ≤ 2 km from the route → lit_village. No road within 1 km → geodesic × 1.2.
//   fibre via splice: path 861.24 m; capex 500 + 8000·0.86124 + 400 = 7,789.92; opex 0.05·7789.92 + 3·20
//   = 449.50; TCO 7789.92 + 449.496·4.3294767 = 9,736.00 (via the PoP: 29.06 km > 20 km, infeasible).
//   radio 23,766.17; LTE infeasible (3G only, 20 > 5 Mbps); satellite 12,091.28 → fibre.
//   KZT 9736.00·470 = 4,575,920; score 200/4.57592 × 1.0 × hub 1.3 × lit 1.2 = 68.183010.
// f2 medical point, Aqsu (69.99, 49.95), population served 800, connection satellite (×0.6):
//   route 0.02°·71,770.08 = 1,435.40 m → lit_village (its village is lit).
//   fibre: path 1,722.48 m, capex 500 + 13,779.84 + 400 = 14,679.84, opex 733.99 + 30, TCO 17,987.53;
//   radio (PoP 24,853.54 m) 15,107.22; LTE infeasible (10 > 5 Mbps on 3G); satellite 11,814.19 → satellite.
//   KZT 5,552,669; score 800/5.552669 × 0.6 × 1.2 = 103.733898.
// f3 school, Kokterek (70.10, 50.05), 100 beneficiaries: Kokterek is 6,445.92 m from the route and
//   14,324.27 m from the PoP → not lit. Road detour (U road north to 50.07°): 2·0.02°·111,230.2
//   + 0.09°·71,591.60 = 2·2,224.60 + 6,443.24 = 10,892.45 m along roads, snapped 0 m → near_fibre.
//   fibre capex 500 + 8000·10.89245 + 400 = 88,039.60 (the PoP has no road: 17,189.12 m via factor, dearer);
//   satellite 12,091.28 wins; KZT 5,682,902; score 100/5.682902 = 17.596643.
// f4 library without settlement at (70.00, 49.96): nearest settlement Aqsu 0.01°·111,228.3 = 1,112.28 m
//   ≤ 3 km → attached ("nearest") → lit_village. Beneficiaries 1000·0.3 = 300. Route 0.01°·71,755.22
//   = 717.55 m; fibre path 861.06 m, capex 7,788.48, opex 389.42 + 30, TCO 9,604.37 < satellite
//   11,814.19 → fibre. KZT 4,514,054; score 300/4.514054 × 1.2 = 79.750929.
// f5 medical point without settlement at (71, 49): no settlement within 3 km → orphan (reported,
//   no region). Fibre 123 km away; inside 4G → mobile_only; LTE 5,499.28 < satellite → LTE.
//   KZT 2,584,662; score 500/2.584662 = 193.448892.
// f6 school in Aqsu with a fibre connection → connected, not ranked.
// f7 and f10: identical schools in Shalgai (72, 51), 35 beneficiaries, 2G only, the planned route
//   beside them does not count → unserved; satellite 12,091.28; score 35/5.682902 = 6.158825.
//   Equal scores: the tie goes to the facility id in byte order, "f10" < "f7".
// Ranks: f5 1, f2 2, f4 3, f1 4, f3 5, f10 6, f7 7.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainFacility } from '../../server/src/planning/explain.ts';
import { parseParameters } from '../../server/src/planning/parameters.ts';
import { recompute } from '../../server/src/planning/recompute.ts';
import { regionRollups } from '../../server/src/planning/regions.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { insertFixture } from './planning-support/fixture.ts';
import { vincentyDistance } from './planning-support/vincenty.ts';

export const FIXTURE_PARAMS = parseParameters({ satellite: { monthlyFeeUsd: 200 } });

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
  await insertFixture(db);
  await db.exec(`INSERT INTO facility (id, kind, name, settlement_id, students, staff, connection, geom, dataset_id, provenance)
    SELECT 'f10', kind, name, settlement_id, students, staff, connection, geom, dataset_id, provenance FROM facility WHERE id = 'f7'`);
  await recompute(db, FIXTURE_PARAMS);
});
afterAll(async () => db?.close());

type Result = { facility_id: string; gap_class: string; technology: string | null; capex_usd: number | null; tco_usd: number | null; tco_kzt: number | null; beneficiaries: number; score: number | null; rank: number | null };
const results = async () =>
  Object.fromEntries(
    (await db.query<Result>('SELECT facility_id, gap_class, technology, capex_usd, tco_usd, tco_kzt, beneficiaries, score, rank FROM plan_result')).map((r) => [r.facility_id, r]),
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
      expect(r.pop_distance_m, r.facility_id).toBeCloseTo(vincentyDistance(r.lon, r.lat, r.pop_lon, r.pop_lat), 2);
      // The route distance is to the line; the splice point found on it must be (nearly) that far.
      expect(vincentyDistance(r.lon, r.lat, r.splice_lon, r.splice_lat) - r.route_distance_m, r.facility_id).toBeLessThan(0.05);
      expect(vincentyDistance(r.lon, r.lat, r.splice_lon, r.splice_lat) - r.route_distance_m, r.facility_id).toBeGreaterThan(-0.05);
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
    expect(r.f1).toMatchObject({ gap_class: 'lit_village', technology: 'fibre', capex_usd: 7789.92, tco_usd: 9736, tco_kzt: 4575920, beneficiaries: 200, score: 68.18301, rank: 4 });
    expect(r.f2).toMatchObject({ gap_class: 'lit_village', technology: 'satellite', capex_usd: 800, tco_usd: 11814.19, tco_kzt: 5552669, beneficiaries: 800, score: 103.733898, rank: 2 });
    expect(r.f3).toMatchObject({ gap_class: 'near_fibre', technology: 'satellite', tco_usd: 12091.28, tco_kzt: 5682902, beneficiaries: 100, score: 17.596643, rank: 5 });
    expect(r.f4).toMatchObject({ gap_class: 'lit_village', technology: 'fibre', capex_usd: 7788.48, tco_usd: 9604.37, tco_kzt: 4514054, beneficiaries: 300, score: 79.750929, rank: 3 });
    expect(r.f5).toMatchObject({ gap_class: 'mobile_only', technology: 'lte', capex_usd: 200, tco_usd: 5499.28, tco_kzt: 2584662, beneficiaries: 500, score: 193.448892, rank: 1 });
    expect(r.f6).toMatchObject({ gap_class: 'connected', technology: null, tco_usd: null, score: null, rank: null });
    expect(r.f7).toMatchObject({ gap_class: 'unserved', technology: 'satellite', score: 6.158825, rank: 7 });
    expect(r.f10).toMatchObject({ gap_class: 'unserved', technology: 'satellite', score: 6.158825, rank: 6 });
  });

  it('explains one facility: every option, the recommendation and why the others lost', async () => {
    const e = (await explainFacility(db, 'f3', FIXTURE_PARAMS))!;
    expect(e.measures).toMatchObject({ pathM: 10892.45, pathMethod: 'roads', accessPoint: 'splice', snapM: 0 });
    const fibre = e.options.find((o) => o.technology === 'fibre')!;
    expect(fibre).toMatchObject({ feasible: true, capexUsd: 88039.6 });
    expect(e.recommendation?.technology).toBe('satellite');
    expect(e.whyOthersLost.map((w) => [w.technology, w.reason])).toEqual([
      ['fibre', 'costlier'], ['radio', 'costlier'], ['lte', 'infeasible'],
    ]);
    expect(e.score?.components).toEqual({ beneficiaries: 100, tcoMillionKzt: 5.682902, connection: 1, hubSchool: 1, litVillage: 1, unreliable: 1 });
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
    expect(a1.T1).toMatchObject({ settlements: 3, settlementsWithFibre: 2, settlementsWithMobileBroadband: 1, facilities: 5, gaps: 4,
      byGapClass: { connected: 1, lit_village: 3, near_fibre: 1, mobile_only: 0, unserved: 0 } });
    expect(a1.T2).toMatchObject({ settlements: 1, settlementsWithFibre: 0, facilities: 2, byGapClass: { unserved: 2 } });
    expect(a1.unassigned).toMatchObject({ settlements: 0, facilities: 1, orphans: 1, byGapClass: { mobile_only: 1 } });
    // T1's gaps: 4 of the nation's 7.
    expect(a1.T1!.shareOfNationalGap).toBeCloseTo(4 / 7, 6);
  });
});

describe('planning fixture: incremental recompute', () => {
  it('keeps the measures when only a cost parameter changes', async () => {
    const before = await db.query('SELECT * FROM plan_measure ORDER BY facility_id');
    const report = await recompute(db, parseParameters({ satellite: { monthlyFeeUsd: 200 }, fibre: { perKmUsd: 9000 } }));
    expect(report).toMatchObject({ spatial: 'unchanged', measured: 0, costs: 'recomputed' });
    expect(await db.query('SELECT * FROM plan_measure ORDER BY facility_id')).toEqual(before);
    // f1: capex 500 + 9000·0.86124 + 400 = 8,651.16.
    expect((await results()).f1!.capex_usd).toBe(8651.16);
  });

  it('re-measures only the facility whose row changed', async () => {
    await db.exec(`UPDATE facility SET geom = ST_SetSRID(ST_MakePoint(70.005, 49.96), 4326) WHERE id = 'f4'`);
    const report = await recompute(db, FIXTURE_PARAMS);
    expect(report).toMatchObject({ spatial: 'incremental', measured: 1, costs: 'recomputed' });
    // f4 is now 0.005°·71,755.22 = 358.78 m from the route.
    const [f4] = await db.query<{ route_distance_m: number }>(`SELECT route_distance_m FROM plan_measure WHERE facility_id = 'f4'`);
    expect(f4!.route_distance_m).toBeCloseTo(358.78, 1);
  });

  it('re-measures everything when a spatial layer changes, and does nothing when nothing did', async () => {
    await db.exec(`INSERT INTO fibre_pop (id, kind, settlement_id, geom, dataset_id, provenance)
      VALUES ('p-kok', 'splice', 's-kok', ST_SetSRID(ST_MakePoint(70.1, 50.05), 4326), 'fx', 'illustrative')`);
    expect(await recompute(db, FIXTURE_PARAMS)).toMatchObject({ spatial: 'full', measured: 8 });
    expect((await results()).f3!.gap_class).toBe('lit_village');
    expect(await recompute(db, FIXTURE_PARAMS)).toMatchObject({ spatial: 'unchanged', costs: 'unchanged', measured: 0 });
  });
});
