// Byte-for-byte parity: the same seeded input gives the same measures, costs, scores, ranks, list
// and roll-ups on embedded PGlite (PostgreSQL 18 + PostGIS 3.6) and on the server (15 + 3.3).
// Runs only when DATABASE_URL names a server; .ci/run sets it for tests/db.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSynthetic } from '../../scripts/synthetic-scale.ts';
import { listGaps } from '../../server/src/planning/gaps-query.ts';
import { parseParameters } from '../../server/src/planning/parameters.ts';
import { recompute } from '../../server/src/planning/recompute.ts';
import { regionRollups } from '../../server/src/planning/regions.ts';
import { roundM } from '../../server/src/planning/round.ts';
import { openTestDatabase, serverUrl, type TestDatabase } from '../support/db.ts';
import { insertFixture } from './planning-support/fixture.ts';

const params = parseParameters({ satellite: { serviceUsdPerYear: 1800 } });
const dbs: TestDatabase[] = [];

async function snapshot(db: TestDatabase): Promise<string> {
  await insertFixture(db);
  await generateSynthetic(db, { facilities: 2000, routeKm: 2000, roadKm: 3000, seed: 42 });
  await recompute(db, params);
  const results = await db.query(
    `SELECT facility_id, gap_class, technology, capex_usd, opex_usd_per_year, tco_usd, tco_kzt, beneficiaries, score, rank,
            settlement_id, admin1_id, admin2_id FROM plan_result LEFT JOIN plan_rank USING (facility_id) ORDER BY facility_id COLLATE "C"`,
  );
  const list = await listGaps(db, {}, { sort: 'rank', limit: 500, offset: 0 });
  const regions = await regionRollups(db, 'admin2', params);
  // Raw measures may differ in the last bits between PostGIS versions; the engine sees them
  // rounded (round.ts), and so are they compared here.
  const roads = (await db.query<{ facility_id: string; road_path_pop_m: number | null; road_path_splice_m: number | null; road_snap_m: number | null }>(
    `SELECT facility_id, road_path_pop_m, road_path_splice_m, road_snap_m FROM plan_measure
     WHERE road_path_pop_m IS NOT NULL OR road_path_splice_m IS NOT NULL ORDER BY facility_id COLLATE "C"`,
  )).map((r) => [r.facility_id, roundM(r.road_path_pop_m), roundM(r.road_path_splice_m), roundM(r.road_snap_m)]);
  return JSON.stringify({ results, list, regions, roads });
}

describe.skipIf(!serverUrl)('planning parity between the two backends', () => {
  let embedded = '';
  let server = '';
  beforeAll(async () => {
    const e = await openTestDatabase({ backend: 'embedded' });
    dbs.push(e);
    embedded = await snapshot(e);
    const s = await openTestDatabase({ backend: 'postgres' });
    dbs.push(s);
    server = await snapshot(s);
  }, 600_000);
  afterAll(async () => {
    for (const db of dbs) await db.close();
  });

  it('gives identical results, byte for byte', () => {
    expect(embedded.length).toBeGreaterThan(100_000);
    expect(server).toBe(embedded);
  });

  it('exercises every gap class and the road paths', () => {
    const classes = new Set((JSON.parse(embedded).results as Array<{ gap_class: string }>).map((r) => r.gap_class));
    expect([...classes].sort()).toEqual(['connected', 'lit_village', 'mobile_only', 'near_fibre', 'unserved']);
    expect((JSON.parse(embedded).roads as unknown[]).length).toBeGreaterThan(10);
  });
});
