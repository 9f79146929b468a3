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
