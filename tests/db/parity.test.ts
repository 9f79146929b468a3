// One SQL, two backends: the same data and the same queries on embedded PGlite + PostGIS and on a
// PostgreSQL + PostGIS server must give exactly the same rows. Runs when DATABASE_URL names a
// server (as .ci/run does); on a machine without one there is nothing to compare against.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../server/src/db/database.ts';
import { openTestDatabase, serverUrl, type TestDatabase } from '../support/db.ts';

const SEED = `
  INSERT INTO dataset (id, layer, title, licence, provenance) VALUES ('p', 'mixed', 'parity', 'CC0', 'illustrative');
  INSERT INTO fibre_route (id, status, geom, dataset_id, provenance) VALUES
    ('r1', 'built',   ST_Multi(ST_GeomFromText('LINESTRING(69.0 51.0, 71.5 51.2, 73.0 50.1)', 4326)), 'p', 'illustrative'),
    ('r2', 'planned', ST_Multi(ST_GeomFromText('LINESTRING(76.0 43.0, 77.5 43.3)', 4326)), 'p', 'illustrative');
  INSERT INTO fibre_pop (id, kind, geom, dataset_id, provenance) VALUES
    ('p1', 'olt', ST_SetSRID(ST_MakePoint(71.45, 51.18), 4326), 'p', 'illustrative');
  INSERT INTO mobile_coverage (id, technology, geom, dataset_id, provenance) VALUES
    ('c1', '4G', ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(71.4, 51.1), 4326), 0.2)), 'p', 'illustrative');
  INSERT INTO facility (id, kind, name, geom, dataset_id, provenance)
    SELECT 'f' || lpad(i::text, 3, '0'), (ARRAY['school','health','library'])[1 + i % 3], 'Объект ' || i,
           ST_SetSRID(ST_MakePoint(68.0 + (i * 37 % 100) / 20.0, 49.0 + (i * 53 % 100) / 30.0), 4326), 'p', 'illustrative'
    FROM generate_series(1, 200) AS i;
`;

// Queries whose results must agree to the last digit. Distances are rounded to the millimetre in
// SQL: both backends use PostGIS's geodesic (GeographicLib) code, and the text form is compared.
// Coordinates go out through ST_AsGeoJSON with a fixed precision: ST_AsText prints doubles
// differently in PostGIS 3.3 (server) and 3.6 (embedded), e.g. 50.099999999999994 vs 50.1.
const QUERIES: Record<string, string> = {
  nearestPop: `
    SELECT f.id, p.id AS pop, round(ST_Distance(f.geom::geography, p.geom::geography)::numeric, 3)::text AS m
    FROM facility f CROSS JOIN LATERAL (
      SELECT id, geom FROM fibre_pop ORDER BY fibre_pop.geom::geography <-> f.geom::geography LIMIT 1) p
    ORDER BY f.id`,
  nearestBuiltRoute: `
    SELECT f.id, r.id AS route,
           round(ST_Distance(f.geom::geography, r.geom::geography)::numeric, 3)::text AS m,
           ST_AsGeoJSON(ST_ClosestPoint(r.geom, f.geom), 7) AS splice
    FROM facility f CROSS JOIN LATERAL (
      SELECT id, geom FROM fibre_route WHERE status = 'built'
      ORDER BY fibre_route.geom <-> f.geom LIMIT 1) r
    ORDER BY f.id`,
  coverage: `
    SELECT f.id, max(c.technology) AS tech FROM facility f
    LEFT JOIN mobile_coverage c ON ST_Intersects(c.geom, f.geom)
    GROUP BY f.id ORDER BY f.id`,
  withinTwentyKm: `
    SELECT f.kind, count(*)::int AS n FROM facility f
    WHERE EXISTS (SELECT 1 FROM fibre_route r WHERE r.status = 'built'
                  AND ST_DWithin(r.geom::geography, f.geom::geography, 20000))
    GROUP BY f.kind ORDER BY f.kind`,
  routeLengthKm: `SELECT id, round((ST_Length(geom::geography) / 1000)::numeric, 6)::text AS km FROM fibre_route ORDER BY id`,
  geojson: `SELECT id, ST_AsGeoJSON(geom, 6) AS g FROM fibre_route ORDER BY id`,
};

/** The first row where two answers differ, so a failure names it instead of printing everything. */
function firstDifference(a: unknown[], b: unknown[]): string | null {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [JSON.stringify(a[i]), JSON.stringify(b[i])];
    if (x !== y) return `row ${i}: embedded ${x} vs server ${y}`;
  }
  return null;
}

async function answers(db: Queryable): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(QUERIES)) out[name] = await db.query(sql);
  return out;
}

describe.runIf(serverUrl)('parity of the embedded and the server backend', () => {
  let embedded: TestDatabase;
  let server: TestDatabase;
  beforeAll(async () => {
    [embedded, server] = await Promise.all([openTestDatabase({ backend: 'embedded' }), openTestDatabase({ backend: 'postgres' })]);
    await embedded.exec(SEED);
    await server.exec(SEED);
  });
  afterAll(async () => {
    await embedded?.close();
    await server?.close();
  });

  it('the backends are the two we mean', () => {
    expect([embedded.backend, server.backend]).toEqual(['embedded', 'postgres']);
  });

  for (const name of Object.keys(QUERIES)) {
    it(`${name} gives identical rows`, async () => {
      const sql = QUERIES[name]!;
      const [a, b] = [await embedded.query(sql), await server.query(sql)];
      expect(a.length).toBeGreaterThan(0);
      expect(firstDifference(a, b)).toBeNull();
    });
  }

  it('all answers together are identical (one fingerprint)', async () => {
    const [a, b] = [JSON.stringify(await answers(embedded)), JSON.stringify(await answers(server))];
    expect(a === b ? 'identical' : `differ at char ${[...a].findIndex((c, i) => c !== b[i])}`).toBe('identical');
  });
});
