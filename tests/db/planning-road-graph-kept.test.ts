// The road graph is kept between re-measures under the fingerprint of the roads (measures.ts
// roadGraphOf): used again while the roads are the same, built anew when any road changes, even by a
// hand edit that leaves the layer's row count (its version) as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roadGraphBuilds } from '../../server/src/planning/measures.ts';
import { parseParameters } from '../../server/src/planning/parameters.ts';
import { recompute } from '../../server/src/planning/recompute.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { insertFixture } from './planning-support/fixture.ts';

const FIXTURE_PARAMS = parseParameters({ baseYear: 2026 });

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
  await insertFixture(db);
  await recompute(db, FIXTURE_PARAMS);
});
afterAll(async () => db?.close());

type Road = { road_path_splice_m: number | null; road_note: string | null };
const f3 = async () => (await db.query<Road>(`SELECT road_path_splice_m, road_note FROM plan_measure WHERE facility_id = 'f3'`))[0]!;
// The fixture's U-shaped road: f3's drop follows it, 10,892.45 m (planning-fixture.test.ts).
const U = 'MULTILINESTRING((70.1 50.05, 70.1 50.07, 70.01 50.07, 70.01 50.05))';

describe('road graph kept between re-measures', () => {
  it('is used again while the roads are the same', async () => {
    expect((await f3()).road_path_splice_m).toBeCloseTo(10892.45, 1);
    const built = roadGraphBuilds.count;
    await recompute(db, FIXTURE_PARAMS, { full: true });
    expect(roadGraphBuilds.count).toBe(built);
    expect((await f3()).road_path_splice_m).toBeCloseTo(10892.45, 1);
  });

  it('is built anew when a road is edited by hand (the same number of roads)', async () => {
    // The U's far leg moved 0.01° east: its crossbar is 0.01° of longitude longer, ≈ 2 × 715 m more
    // on f3's drop (out and back along it).
    await db.exec(`UPDATE road SET geom = ST_GeomFromText('MULTILINESTRING((70.11 50.05, 70.11 50.07, 70.01 50.07, 70.01 50.05))', 4326) WHERE id = 'road-u'`);
    const built = roadGraphBuilds.count;
    await recompute(db, FIXTURE_PARAMS, { full: true });
    expect(roadGraphBuilds.count).toBe(built + 1);
    const moved = (await f3()).road_path_splice_m;
    expect(moved).toBeCloseTo(12324.58, 1); // 1,432 m more: twice the 714 m of 0.01° at 50.07° N, and the snaps
  });

  it('is built anew when roads are removed, and again when they come back', async () => {
    await db.exec(`DELETE FROM road WHERE id = 'road-u'`);
    await recompute(db, FIXTURE_PARAMS);
    expect(await f3()).toMatchObject({ road_path_splice_m: null });
    await db.exec(`INSERT INTO road (id, geom, dataset_id, provenance) VALUES ('road-u', ST_GeomFromText('${U}', 4326), 'fx', 'illustrative')`);
    await recompute(db, FIXTURE_PARAMS);
    expect((await f3()).road_path_splice_m).toBeCloseTo(10892.45, 1);
  });
});
