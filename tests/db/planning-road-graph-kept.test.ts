// The road graph is kept between re-measures under the fingerprint of the roads (measures.ts
// roadGraphOf): used again while the roads are the same (a full re-measure, a facility edited), built
// anew when any road changes, even by a hand edit that leaves the layer's row count (its version) as
// it was, and kept under the fingerprint of the roads it was read with, not of those it was asked for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.ts';
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
// The U with its far leg 0.01° east: the crossbar 0.01° of longitude (714 m at 50.07° N) longer.
const WIDE = 'MULTILINESTRING((70.11 50.05, 70.11 50.07, 70.01 50.07, 70.01 50.05))';
const setRoad = (wkt: string) => db.exec(`UPDATE road SET geom = ST_GeomFromText('${wkt}', 4326) WHERE id = 'road-u'`);

describe('road graph kept between re-measures', () => {
  it('is used again while the roads are the same', async () => {
    expect((await f3()).road_path_splice_m).toBeCloseTo(10892.45, 1);
    const built = roadGraphBuilds.count;
    await recompute(db, FIXTURE_PARAMS, { full: true });
    expect(roadGraphBuilds.count).toBe(built);
    expect((await f3()).road_path_splice_m).toBeCloseTo(10892.45, 1);
  });

  it('is built anew when a road is edited by hand (the same number of roads)', async () => {
    await setRoad(WIDE);
    const built = roadGraphBuilds.count;
    await recompute(db, FIXTURE_PARAMS, { full: true });
    expect(roadGraphBuilds.count).toBe(built + 1);
    const moved = (await f3()).road_path_splice_m;
    // 1,432 m more: the drop goes along the crossbar and back (2 × 714 m), the rest where it meets the
    // moved leg (the figure itself is the measure's, read from this run).
    expect(moved).toBeCloseTo(12324.58, 1);
  });

  it('is built anew when roads are removed, and again when they come back', async () => {
    await db.exec(`DELETE FROM road WHERE id = 'road-u'`);
    await recompute(db, FIXTURE_PARAMS);
    expect(await f3()).toMatchObject({ road_path_splice_m: null });
    await db.exec(`INSERT INTO road (id, geom, dataset_id, provenance) VALUES ('road-u', ST_GeomFromText('${U}', 4326), 'fx', 'illustrative')`);
    await recompute(db, FIXTURE_PARAMS);
    expect((await f3()).road_path_splice_m).toBeCloseTo(10892.45, 1);
  });

  it('is used again by a facility edited (an incremental re-measure)', async () => {
    const built = roadGraphBuilds.count;
    await db.exec(`UPDATE facility SET name = name || ' (edited)' WHERE id = 'f3'`);
    const report = await recompute(db, FIXTURE_PARAMS);
    expect(report.spatial).toBe('incremental');
    expect(roadGraphBuilds.count).toBe(built);
    expect((await f3()).road_path_splice_m).toBeCloseTo(10892.45, 1);
  });

  it('is kept under the roads it was read with when an import commits between the check and the read', async () => {
    // Roads edited by hand to WIDE; while the re-measure checks them, an import puts the U back. The
    // graph is built from the U and must be kept as the U's: with WIDE's fingerprint, the next run on
    // WIDE would take the U's graph for it (f3 at 10,892.45 m instead of 12,324.58 m).
    await setRoad(WIDE);
    let importMeanwhile = true;
    const skewed = new Proxy(db as Database, {
      get(target, key) {
        if (key === 'query') {
          return async (sql: string, params?: readonly unknown[]) => {
            const rows = await target.query(sql, params);
            if (importMeanwhile && sql.startsWith('-- What the road graph')) {
              importMeanwhile = false;
              await setRoad(U);
            }
            return rows;
          };
        }
        const v = Reflect.get(target, key, target) as unknown;
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    await recompute(skewed, FIXTURE_PARAMS, { full: true });
    expect(importMeanwhile).toBe(false);
    expect((await f3()).road_path_splice_m).toBeCloseTo(10892.45, 1); // measured on the U, as read
    await setRoad(WIDE);
    await recompute(db, FIXTURE_PARAMS, { full: true });
    expect((await f3()).road_path_splice_m).toBeCloseTo(12324.58, 1);
  });
});
