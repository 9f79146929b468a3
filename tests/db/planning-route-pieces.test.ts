// Built routes are cut into short pieces for the nearest-route search (prepare-routes.sql). Every
// piece keeps the 0.05° densification: a piece with a longer segment measures a straight chord as a
// great-circle arc (issue 10: 231 pieces of the bundled routes had segments up to 0.275°).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureEverything } from '../../server/src/planning/measures.ts';
import { parseParameters } from '../../server/src/planning/parameters.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
  await db.exec(`INSERT INTO dataset (id, layer, title, licence, provenance) VALUES ('rp', 'fixture', 'route pieces', 'CC0', 'illustrative');
    INSERT INTO fibre_route (id, status, geom, dataset_id, provenance) VALUES
      ('long', 'built', ST_GeomFromText('MULTILINESTRING((60 40, 62 40.5, 62.2 43))', 4326), 'rp', 'illustrative');`);
  await measureEverything(db, parseParameters());
});
afterAll(async () => db?.close());

describe('route pieces', () => {
  it('keep every segment within 0.05°, and together the whole route', async () => {
    const [r] = await db.query<{ pieces: number; longest: number; total: number; route: number }>(`
      SELECT count(DISTINCT p.geom)::int AS pieces,
             max(ST_Length(s.geom)) AS longest,
             (SELECT sum(ST_Length(geom)) FROM plan_route_piece) AS total,
             (SELECT ST_Length(geom) FROM fibre_route WHERE id = 'long') AS route
      FROM plan_route_piece p CROSS JOIN LATERAL ST_DumpSegments(p.geom) AS s`);
    expect(r!.pieces).toBeGreaterThan(1);
    expect(r!.longest).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(r!.total).toBeCloseTo(r!.route, 9);
  });
});

// The pieces are cut again only when what they are cut from changed (measures.ts cutPieces,
// piece-source.sql): a re-measure over the same layers keeps them; any edit, even by hand with no
// layer version bumped, cuts them anew.
describe('route and coverage pieces kept between re-measures', () => {
  const rowVersions = async () =>
    (await db.query<{ v: string }>(`SELECT (SELECT string_agg(xmin::text, ',' ORDER BY xmin::text) FROM plan_route_piece)
                                           || '/' || coalesce((SELECT string_agg(xmin::text, ',' ORDER BY xmin::text) FROM plan_coverage_piece), '') AS v`))[0]!.v;
  const lengths = async () =>
    (await db.query<{ pieces: number; route: number }>(`SELECT (SELECT sum(ST_Length(geom)) FROM plan_route_piece) AS pieces,
                                                               (SELECT sum(ST_Length(geom)) FROM fibre_route WHERE status = 'built') AS route`))[0]!;

  it('keeps them when nothing they are cut from changed', async () => {
    await db.exec(`INSERT INTO mobile_coverage (id, technology, geom, dataset_id, provenance) VALUES
      ('cell', '3G', ST_Multi(ST_MakeEnvelope(60, 40, 61, 41, 4326)), 'rp', 'illustrative')
      ON CONFLICT (id) DO NOTHING`);
    await measureEverything(db, parseParameters());
    const before = await rowVersions();
    await measureEverything(db, parseParameters({ spatial: { ...parseParameters().spatial, maxFibreDropM: 9_000 } }));
    expect(await rowVersions()).toBe(before);
  });

  it('cuts them again after a new migration (it may have changed their tables)', async () => {
    const before = await rowVersions();
    await db.exec(`INSERT INTO schema_migration (version, name) VALUES (9999, 'a later migration (test)')`);
    await measureEverything(db, parseParameters());
    expect(await rowVersions()).not.toBe(before);
    await db.exec(`DELETE FROM schema_migration WHERE version = 9999`);
  });

  it('cuts the routes again after a hand edit of a geometry that bumped no layer version', async () => {
    await measureEverything(db, parseParameters());
    await db.exec(`UPDATE fibre_route SET geom = ST_GeomFromText('MULTILINESTRING((60 40, 63 41))', 4326) WHERE id = 'long'`);
    await measureEverything(db, parseParameters());
    const { pieces, route } = await lengths();
    expect(pieces).toBeCloseTo(route, 9);
    expect(route).toBeCloseTo(Math.hypot(3, 1), 9);
  });

  it('cuts the routes again when one goes from planned to built, and the coverage when a technology changes', async () => {
    await db.exec(`INSERT INTO fibre_route (id, status, year, geom, dataset_id, provenance) VALUES
      ('next', 'planned', 2027, ST_GeomFromText('MULTILINESTRING((61 39, 61 38))', 4326), 'rp', 'illustrative')`);
    await measureEverything(db, parseParameters());
    expect((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM plan_planned_piece WHERE route_id = 'next'`))[0]!.n).toBeGreaterThan(0);
    await db.exec(`UPDATE fibre_route SET status = 'built' WHERE id = 'next'; UPDATE mobile_coverage SET technology = '4G' WHERE id = 'cell'`);
    await measureEverything(db, parseParameters());
    expect((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM plan_planned_piece WHERE route_id = 'next'`))[0]!.n).toBe(0);
    expect((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM plan_route_piece WHERE route_id = 'next'`))[0]!.n).toBeGreaterThan(0);
    expect((await db.query<{ r: number }>(`SELECT DISTINCT tech_rank AS r FROM plan_coverage_piece WHERE coverage_id = 'cell'`)).map((x) => x.r)).toEqual([3]);
  });

  it('drops the pieces of a deleted route', async () => {
    await db.exec(`DELETE FROM fibre_route WHERE id = 'next'`);
    await measureEverything(db, parseParameters());
    expect((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM plan_route_piece WHERE route_id = 'next'`))[0]!.n).toBe(0);
    const { pieces, route } = await lengths();
    expect(pieces).toBeCloseTo(route, 9);
  });
});
