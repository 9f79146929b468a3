// The bounded KNN scans of the measures (facility-measures.sql, settlement-measures.sql) keep the
// candidates an unbounded scan keeps. Each case below is placed where a wrong bound loses the answer.
//
// Near 50°N (sphere R = 6,371,008.8 m): 0.001° of longitude ≈ 71.47 m on the sphere (71.70 m on the
// ellipsoid), 0.001° of latitude ≈ 111.2 m.
// - Settlement s-b at (80, 50) with facility fb 0.028° west of it (2.0 km). PoP p-west and the built
//   route r-west (a meridian) are 0.014° west of fb (1.0 km; 3.0 km from s-b); PoP p-east and route
//   r-east 0.007° east of s-b (0.5 km; 2.5 km from fb). s-b's nearest is east, fb's is west: a bound
//   taken from the settlement's distance alone (0.5 km) leaves fb without a PoP and a route; the bound
//   is that distance plus fb's distance to s-b.
// - Settlement s-g at (85, 50): PoP p-north 0.010° north (1,112 m), p-east2 0.015° east (1,075 m); built
//   routes the same way, r-north (a short parallel at 50.01°N) and r-east2 (a short meridian at 85.015°E;
//   short, so their index boxes are small and a wrong bound shows). In flat degrees the northern ones
//   are nearer (0.010 < 0.015), on the earth the eastern: the degree-nearest only bounds the scan, and
//   a bound much below the northern ones' 1,112 m would lose the eastern.
// - Orphan facility fp at (90, 50), no settlement within 3 km, the planned route r-in (a meridian at
//   90.2797°E, year 2030) 19,990 m away on the sphere but 20,053 m on the ellipsoid: a planned route
//   counts when its sphere distance (the KNN's) is within the 20 km drop, so r-in counts, at its spheroid
//   distance; a scan bounded by the spheroid distance would drop it.
// - Settlement s-t at (100, 50) with facility ft on it: four co-located PoPs p-e1..p-e4 0.013992° east
//   (1,000.08 m on the sphere, 1,003.17 m on the ellipsoid) and p-n 0.0090022° north (1,001.00 m,
//   1,001.31 m). By sphere distance the four eastern ones come first: a scan of 4 KNN candidates loses
//   p-n, the nearest on the ellipsoid.
// - Settlement s-q at (105, 50) with facility fq on it: twelve co-located PoPs p-q00..p-q11 0.01° east,
//   inserted in descending id order: the lowest id must win, not whichever the index returns first.
// - Facility fv at (0, 50), orphan, with route r-v of two meridian pieces 0.007° east and west (exactly
//   equal distances): the splice point decides (the western, the smaller longitude).
// - Orphan facility fa at (115, 50): no settlement given; four co-located settlements s-ae1..s-ae4 placed
//   as p-e1..p-e4 (1,003.17 m) and s-an as p-n (1,001.31 m): it attaches to s-an, not to one of the four.
// - Settlement s-r at (95, 50) with facility fr on it: PoP p-rn and route r-rn 0.007° east (502 m), p-rf
//   and r-rf 0.05° west (3,585 m). An import removing p-rn and r-rn between the settlement step and the
//   facility step leaves fr's bound (≈ 0.5 km) stale: the boxed scans find nothing (or only a corner),
//   and the unbounded scan must give p-rf and r-rf.
// - Settlement s-c at (110, 50) with facility fc on it: PoP p-cn 0.007° east (502 m; fc's bound ≈ 514 m),
//   p-cm 0.008° east (574 m: outside the box, whose half-width is 514 m along each geocentric axis) and
//   p-cc 295 m west and 700 m north (755 m, yet inside the box: a corner). With p-cn removed the box
//   holds only p-cc: finding something in the box is not enough, the nearest found must lie within
//   the bound (else the unbounded scan), or fc gets p-cc instead of p-cm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSql, runSql } from '../../server/src/db/sql.ts';
import { parseParameters, spatialHash } from '../../server/src/planning/parameters.ts';
import { recompute } from '../../server/src/planning/recompute.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

const pt = (lon: number, lat: number) => `ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;
const meridian = (lon: number) => `ST_GeomFromText('MULTILINESTRING((${lon} 49.5, ${lon} 50.5))', 4326)`;
const params = parseParameters({ baseYear: 2026 });

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
  await db.exec(`
    INSERT INTO dataset (id, layer, title, licence, provenance) VALUES ('kb', 'fixture', 'KNN bounds', 'CC0', 'illustrative');
    INSERT INTO settlement (id, name, place, population, admin1_id, admin2_id, geom, dataset_id, provenance) VALUES
      ('s-b', 'B', 'village', 500, 'T1', 'T1-01', ${pt(80, 50)}, 'kb', 'illustrative'),
      ('s-g', 'G', 'village', 500, 'T1', 'T1-01', ${pt(85, 50)}, 'kb', 'illustrative'),
      ('s-r', 'R', 'village', 500, 'T1', 'T1-01', ${pt(95, 50)}, 'kb', 'illustrative'),
      ('s-t', 'T', 'village', 500, 'T1', 'T1-01', ${pt(100, 50)}, 'kb', 'illustrative'),
      ('s-q', 'Q', 'village', 500, 'T1', 'T1-01', ${pt(105, 50)}, 'kb', 'illustrative'),
      ('s-c', 'C', 'village', 500, 'T1', 'T1-01', ${pt(110, 50)}, 'kb', 'illustrative');
    INSERT INTO settlement (id, name, place, population, admin1_id, admin2_id, geom, dataset_id, provenance)
    SELECT 's-ae' || i, 'A', 'village', 500, 'T1', 'T1-01', ${pt(115.013992, 50)}, 'kb', 'illustrative' FROM generate_series(1, 4) i
    UNION ALL SELECT 's-an', 'A', 'village', 500, 'T1', 'T1-01', ${pt(115, 50.0090022)}, 'kb', 'illustrative';
    INSERT INTO fibre_pop (id, kind, settlement_id, geom, dataset_id, provenance) VALUES
      ('p-west', 'olt', NULL, ${pt(79.958, 50)}, 'kb', 'illustrative'),
      ('p-east', 'olt', NULL, ${pt(80.007, 50)}, 'kb', 'illustrative'),
      ('p-north', 'olt', NULL, ${pt(85, 50.01)}, 'kb', 'illustrative'),
      ('p-east2', 'olt', NULL, ${pt(85.015, 50)}, 'kb', 'illustrative'),
      ('p-rn', 'olt', NULL, ${pt(95.007, 50)}, 'kb', 'illustrative'),
      ('p-rf', 'olt', NULL, ${pt(94.95, 50)}, 'kb', 'illustrative'),
      ('p-e1', 'olt', NULL, ${pt(100.013992, 50)}, 'kb', 'illustrative'), ('p-e2', 'olt', NULL, ${pt(100.013992, 50)}, 'kb', 'illustrative'),
      ('p-e3', 'olt', NULL, ${pt(100.013992, 50)}, 'kb', 'illustrative'), ('p-e4', 'olt', NULL, ${pt(100.013992, 50)}, 'kb', 'illustrative'),
      ('p-n', 'olt', NULL, ${pt(100, 50.0090022)}, 'kb', 'illustrative'),
      ('p-cn', 'olt', NULL, ${pt(110.007, 50)}, 'kb', 'illustrative'), ('p-cm', 'olt', NULL, ${pt(110.008, 50)}, 'kb', 'illustrative'),
      ('p-cc', 'olt', NULL, ${pt(109.996044, 50.006293)}, 'kb', 'illustrative');
    INSERT INTO fibre_pop (id, kind, settlement_id, geom, dataset_id, provenance)
    SELECT 'p-q' || lpad(i::text, 2, '0'), 'olt', NULL, ${pt(105.01, 50)}, 'kb', 'illustrative' FROM generate_series(11, 0, -1) i;
    INSERT INTO fibre_route (id, status, year, geom, dataset_id, provenance) VALUES
      ('r-west', 'built', NULL, ${meridian(79.958)}, 'kb', 'illustrative'),
      ('r-east', 'built', NULL, ${meridian(80.007)}, 'kb', 'illustrative'),
      ('r-in', 'planned', 2030, ${meridian(90.2797)}, 'kb', 'illustrative'),
      ('r-rn', 'built', NULL, ${meridian(95.007)}, 'kb', 'illustrative'),
      ('r-rf', 'built', NULL, ${meridian(94.95)}, 'kb', 'illustrative'),
      ('r-v', 'built', NULL, ST_GeomFromText('MULTILINESTRING((0.007 49.99, 0.007 50.01), (-0.007 49.99, -0.007 50.01))', 4326), 'kb', 'illustrative'),
      ('r-north', 'built', NULL, ST_GeomFromText('MULTILINESTRING((84.999 50.01, 85.001 50.01))', 4326), 'kb', 'illustrative'),
      ('r-east2', 'built', NULL, ST_GeomFromText('MULTILINESTRING((85.015 49.999, 85.015 50.001))', 4326), 'kb', 'illustrative');
    INSERT INTO facility (id, kind, name, settlement_id, students, staff, connection, geom, dataset_id, provenance) VALUES
      ('fb', 'school', 'B school', 's-b', 100, 10, 'none', ${pt(79.972, 50)}, 'kb', 'illustrative'),
      ('fp', 'school', 'P school', NULL, 100, 10, 'none', ${pt(90, 50)}, 'kb', 'illustrative'),
      ('fr', 'school', 'R school', 's-r', 100, 10, 'none', ${pt(95, 50)}, 'kb', 'illustrative'),
      ('ft', 'school', 'T school', 's-t', 100, 10, 'none', ${pt(100, 50)}, 'kb', 'illustrative'),
      ('fq', 'school', 'Q school', 's-q', 100, 10, 'none', ${pt(105, 50)}, 'kb', 'illustrative'),
      ('fv', 'school', 'V school', NULL, 100, 10, 'none', ${pt(0, 50)}, 'kb', 'illustrative'),
      ('fc', 'school', 'C school', 's-c', 100, 10, 'none', ${pt(110, 50)}, 'kb', 'illustrative'),
      ('fa', 'school', 'A school', NULL, 100, 10, 'none', ${pt(115, 50)}, 'kb', 'illustrative');
  `);
  await recompute(db, params, { full: true });
}, 120_000);
afterAll(async () => db?.close());

type Measure = { pop_id: string | null; pop_distance_m: number | null; route_id: string | null; route_distance_m: number | null; planned_route_id: string | null; planned_distance_m: number | null };
const measure = async (id: string) =>
  (await db.query<Measure>(`SELECT pop_id, pop_distance_m, route_id, route_distance_m, planned_route_id, planned_distance_m FROM plan_measure WHERE facility_id = $1`, [id]))[0]!;

describe('bounded KNN scans keep what an unbounded scan keeps', () => {
  it('finds the PoP and route on the far side of the settlement from its nearest ones', async () => {
    const m = await measure('fb');
    expect(m.pop_id).toBe('p-west');
    expect(m.pop_distance_m).toBeCloseTo(0.014 * 71_696, -1); // ≈ 1,004 m on the ellipsoid
    expect(m.route_id).toBe('r-west');
    expect(m.route_distance_m).toBeCloseTo(0.014 * 71_696, -1);
    const [s] = await db.query<{ pop_distance_m: number; route_distance_m: number }>(`SELECT pop_distance_m, route_distance_m FROM plan_settlement WHERE settlement_id = 's-b'`);
    expect(s!.pop_distance_m).toBeCloseTo(0.007 * 71_696, -1); // the settlement's own nearest: east, ≈ 502 m
    expect(s!.route_distance_m).toBeCloseTo(0.007 * 71_696, -1);
  });

  it('bounds by the settlement as stored when re-measuring one facility (not by a stale stage)', async () => {
    // A stage left behind by another run must not be read by an incremental re-measure: with its 1 m,
    // fb (moved 0.0005° = 55.6 m north of s-b) would look no farther than ~57 m for its PoP and route.
    await db.exec(`UPDATE plan_settlement_stage SET pop_distance_m = 1, route_distance_m = 1`);
    await db.exec(`UPDATE facility SET geom = ${pt(80, 50.0005)} WHERE id = 'fb'`);
    expect(await recompute(db, params)).toMatchObject({ spatial: 'incremental', measured: 1 });
    const m = await measure('fb');
    expect(m.pop_id).toBe('p-east');
    expect(m.pop_distance_m).toBeCloseTo(Math.hypot(0.007 * 71_696, 0.0005 * 111_229), -1); // ≈ 505 m
    expect(m.route_id).toBe('r-east');
    expect(m.route_distance_m).toBeCloseTo(0.007 * 71_696, -1);
  });

  it('measures a settlement to the PoP and route nearest on the earth, not in flat degrees', async () => {
    const [s] = await db.query<{ pop_distance_m: number; route_distance_m: number }>(`SELECT pop_distance_m, route_distance_m FROM plan_settlement WHERE settlement_id = 's-g'`);
    expect(s!.pop_distance_m).toBeCloseTo(0.015 * 71_696, -1); // ≈ 1,075 m, not 1,112 m
    expect(s!.route_distance_m).toBeCloseTo(0.015 * 71_696, -1);
  });

  it('keeps a planned route within the drop on the sphere though beyond it on the ellipsoid', async () => {
    const m = await measure('fp');
    expect(m.planned_route_id).toBe('r-in');
    expect(m.planned_distance_m).toBeGreaterThan(params.spatial.maxFibreDropM);
    expect(m.planned_distance_m).toBeCloseTo(20_053, -1);
  });

  it('keeps the spheroid-nearest PoP behind four co-located ones nearer on the sphere', async () => {
    const m = await measure('ft');
    expect(m.pop_id).toBe('p-n');
    expect(m.pop_distance_m).toBeCloseTo(1_001.31, 1);
    const [s] = await db.query<{ pop_distance_m: number }>(`SELECT pop_distance_m FROM plan_settlement WHERE settlement_id = 's-t'`);
    expect(s!.pop_distance_m).toBeCloseTo(1_001.31, 1);
  });

  it('breaks a tie among many co-located PoPs by id', async () => {
    expect((await measure('fq')).pop_id).toBe('p-q00');
  });

  it('attaches to the spheroid-nearest settlement behind four co-located ones nearer on the sphere', async () => {
    const [m] = await db.query<{ settlement_id: string; attach_method: string; attach_distance_m: number }>(`SELECT settlement_id, attach_method, attach_distance_m FROM plan_measure WHERE facility_id = 'fa'`);
    expect(m).toMatchObject({ settlement_id: 's-an', attach_method: 'nearest' });
    expect(m!.attach_distance_m).toBeCloseTo(1_001.31, 1);
  });

  it('breaks a tie between two pieces of one route by the splice point', async () => {
    const [m] = await db.query<{ route_id: string; splice_lon: number }>(`SELECT route_id, splice_lon FROM plan_measure WHERE facility_id = 'fv'`);
    expect(m).toMatchObject({ route_id: 'r-v' });
    expect(m!.splice_lon).toBeCloseTo(-0.007, 6);
  });

  it('stays exact when the settlement measure is stale (an import between the settlement and facility steps)', async () => {
    // Runs last: it removes p-rn and r-rn's pieces. Settlements are measured with them, facilities without.
    const settlementSql = loadSql(import.meta.url, '../../server/src/planning/settlement-measures.sql');
    const facilitySql = loadSql(import.meta.url, '../../server/src/planning/facility-measures.sql');
    await db.exec('TRUNCATE plan_measure_stage, plan_settlement_stage');
    await runSql(db, settlementSql, { part: null, parts: null });
    const [s] = await db.query<{ pop_distance_m: number }>(`SELECT pop_distance_m FROM plan_settlement_stage WHERE settlement_id = 's-r'`);
    expect(s!.pop_distance_m).toBeCloseTo(0.007 * 71_696, -1);
    await db.exec(`DELETE FROM fibre_pop WHERE id IN ('p-rn', 'p-cn'); DELETE FROM plan_route_piece WHERE route_id = 'r-rn'`);
    await runSql(db, facilitySql, {
      ids: ['fr', 'fc'], part: null, parts: null, fresh_settlements: true, spatial_hash: spatialHash(params),
      attach_radius_m: params.spatial.attachRadiusM, max_fibre_drop_m: params.spatial.maxFibreDropM,
    });
    const [m] = await db.query<Measure>(`SELECT pop_id, pop_distance_m, route_id, route_distance_m FROM plan_measure_stage WHERE facility_id = 'fr'`);
    expect(m!.pop_id).toBe('p-rf');
    expect(m!.pop_distance_m).toBeCloseTo(3_584.8, 0);
    expect(m!.route_id).toBe('r-rf');
    expect(m!.route_distance_m).toBeCloseTo(3_584.8, 0);
    const [c] = await db.query<Measure>(`SELECT pop_id, pop_distance_m FROM plan_measure_stage WHERE facility_id = 'fc'`);
    expect(c).toMatchObject({ pop_id: 'p-cm' });
    expect(c!.pop_distance_m).toBeCloseTo(573.57, 1);
  });
});
