// The bundled-data loader on both backends: every layer of geodata/ loads with as many rows as its
// file has features; the loader is idempotent; the settlement steps and facility attachment work.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_SOURCES, type BundledSource } from '../../server/src/data/bundled-sources.ts';
import { GEODATA_DIR, loadBundledData, type BundledReport } from '../../server/src/data/bundled.ts';
import { layerSpec } from '../../server/src/data/layers.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { databaseSnapshot } from './import-support.ts';

function featureCount(file: string): number {
  const raw = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  return (JSON.parse(text) as { features: unknown[] }).features.length;
}

describe('loadBundledData: the real geodata/', () => {
  let db: TestDatabase;
  let report: BundledReport;
  beforeAll(async () => {
    db = await openTestDatabase();
    report = await loadBundledData(db);
  }, 600_000);
  afterAll(async () => db?.close());

  it('loads every present layer with one row per source feature', async () => {
    expect(report.status).toBe('loaded');
    for (const source of BUNDLED_SOURCES) {
      const file = path.join(GEODATA_DIR, source.file);
      const layer = report.layers.find((l) => l.layer === source.layer)!;
      if (!existsSync(file)) {
        expect(source.optional, `${source.file} is required`).toBe(true);
        expect(layer.status).toBe('absent');
        continue;
      }
      const expected = featureCount(file);
      const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${layerSpec(source.layer).table}`);
      expect({ layer: source.layer, rows: row!.n }).toEqual({ layer: source.layer, rows: expected });
      expect(layer).toMatchObject({ status: 'loaded', rows: expected });
    }
  });

  it('every bundled facility has a settlement (none attached by distance, no orphans)', () => {
    if (report.layers.find((l) => l.layer === 'facilities')?.status !== 'loaded') return;
    expect(report.facilities).toMatchObject({ orphans: 0 });
  });

  it('cross-check: the real files hold 20, 224, 9492, 4272 and 1231 features', () => {
    const rows = Object.fromEntries(report.layers.map((l) => [l.layer, l.rows]));
    expect(rows).toMatchObject({ admin1: 20, admin2: 224, settlements: 9492, roads: 4272, railways: 1231 });
  });

  it('records provenance, licences and mapped fields', async () => {
    const ds = await db.query<{ id: string; licence: string; provenance: string }>(`SELECT id, licence, provenance FROM dataset WHERE provenance = 'real' ORDER BY id`);
    expect(ds.map((d) => [d.id, d.licence])).toEqual([
      ['geokz-admin1-2024', 'CC BY 4.0'],
      ['geokz-admin2-2024', 'CC BY 4.0'],
      ['gmkz-railways', 'Global Map terms: non-commercial use only, with attribution'],
      ['gmkz-roads', 'Global Map terms: non-commercial use only, with attribution'],
      ['osm-settlements', 'ODbL 1.0'],
    ]);
    // Zhanaarka (OSM node 271293913): a town with an OSM population tag, in Ulytau oblast.
    expect(await db.query(`SELECT name, name_en, place, population, population_provenance, admin1_id, admin2_id FROM settlement WHERE id = 'osm:271293913'`)).toEqual([
      { name: 'Жаңаарқа', name_en: 'Janaarqa', place: 'town', population: 17528, population_provenance: 'real', admin1_id: 'KZ62', admin2_id: 'KZ623600' },
    ]);
    expect(await db.query(`SELECT tracks, properties->>'tracks_source' AS source FROM railway WHERE id = 'gm-rail:1'`)).toEqual([{ tracks: 1, source: 'Single' }]);
    expect(await db.query(`SELECT name_en, name_ru, admin1_id FROM region_admin2 WHERE id = 'KZ101000'`)).toEqual([{ name_en: 'Semey', name_ru: 'Семей', admin1_id: 'KZ10' }]);
    const [invalid] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM region_admin1 WHERE NOT ST_IsValid(geom)');
    expect(invalid!.n).toBe(0);
  });

  it('does nothing when data is present, and a forced reload duplicates nothing', { timeout: 600_000 }, async () => {
    const before = await databaseSnapshot(db);
    const again = await loadBundledData(db);
    expect(again.status).toBe('skipped');
    expect(again.reason).toMatch(/already holds/);
    expect(await databaseSnapshot(db)).toEqual(before);
    const forced = await loadBundledData(db, { force: true });
    expect(forced.status).toBe('loaded');
    // Same rows and datasets; unchanged layers keep their version. Settlements are the exception:
    // re-importing the OSM file resets the estimates and hub flags, which the next steps put back,
    // so the rows end identical but the layer counts as changed.
    const after = await databaseSnapshot(db);
    expect({ ...after, versions: { ...after.versions, settlements: 0 } }).toEqual({ ...before, versions: { ...before.versions, settlements: 0 } });
    expect(after.versions.settlements).toBe(before.versions.settlements! + 2);
    const [estimated] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM settlement WHERE population_provenance = 'estimated'`);
    expect(estimated!.n).toBe(forced.estimatedPopulation === 'absent' ? 0 : (forced.estimatedPopulation?.rows ?? 0));
  });
});

describe('loadBundledData: settlement steps and facility attachment (fixture geodata)', () => {
  const dir = fileURLToPath(new URL('../fixtures/import/bundled/', import.meta.url));
  const dataset = (id: string) => ({ id, title: id, licence: 'test', provenance: 'illustrative' as const });
  const sources: BundledSource[] = [
    {
      layer: 'settlements', file: 'settlements.geojson', mapping: {}, dataset: dataset('t-settlements'),
      transform: (p) => ({ ...p, population_provenance: p.population == null ? null : 'real' }),
    },
    { layer: 'facilities', file: 'facilities.geojson', mapping: {}, dataset: dataset('t-facilities') },
    { layer: 'fibre_pops', file: 'no-such-file.geojson', optional: true, mapping: {}, dataset: dataset('t-pops') },
  ];
  let db: TestDatabase;
  let report: BundledReport;
  beforeAll(async () => {
    db = await openTestDatabase();
    report = await loadBundledData(db, { geodataDir: dir, sources });
  });
  afterAll(async () => db?.close());

  it('skips an absent optional layer', () => {
    expect(report.layers.map((l) => [l.layer, l.status, l.rows])).toEqual([
      ['settlements', 'loaded', 3], ['facilities', 'loaded', 5], ['fibre_pops', 'absent', 0],
    ]);
  });

  it('applies estimated populations without overwriting a real one', async () => {
    // s-a has a real OSM population (kept), s-b gets its estimate, s-x is not a settlement.
    expect(report.estimatedPopulation).toEqual({ file: 'estimated_settlement_population.csv', rows: 3, updated: 1, keptReal: 1, unknownIds: ['s-x'] });
    expect(await db.query('SELECT id, population, population_provenance, is_hub FROM settlement ORDER BY id')).toEqual([
      { id: 's-a', population: 1200, population_provenance: 'real', is_hub: false },
      { id: 's-b', population: 150, population_provenance: 'estimated', is_hub: true },
      { id: 's-c', population: null, population_provenance: null, is_hub: false },
    ]);
    expect(report.hubSettlements).toEqual({ file: 'illustrative_hub_settlements.csv', rows: 2, updated: 1, unknownIds: ['s-y'] });
  });

  it('attaches facilities to the nearest settlement within 3 km and reports the orphans', async () => {
    // Geodesic, at 49° N one degree of latitude ≈ 111.2 km:
    //   f-near: 0.009° from s-a ≈ 1.00 km, 0.011° from s-b ≈ 1.22 km → s-a
    //   f-in:   0.0252° south of s-a ≈ 2.80 km → s-a;  f-out: 0.0288° ≈ 3.20 km → orphan
    //   f-far:  0.2° of longitude east of s-a ≈ 14.6 km → orphan;  f-given keeps its s-c.
    expect(await db.query('SELECT id, settlement_id FROM facility ORDER BY id')).toEqual([
      { id: 'f-far', settlement_id: null },
      { id: 'f-given', settlement_id: 's-c' },
      { id: 'f-in', settlement_id: 's-a' },
      { id: 'f-near', settlement_id: 's-a' },
      { id: 'f-out', settlement_id: null },
    ]);
    expect(report.facilities).toEqual({ attached: 2, orphans: 2, orphanIds: ['f-far', 'f-out'] });
  });

  it('bumps the versions of the layers the steps changed', async () => {
    const v = await db.query('SELECT layer, version FROM layer_version ORDER BY layer');
    // Import (1) then estimates/hubs (2) for settlements; import (1) then attachment (2) for facilities.
    expect(v).toEqual([{ layer: 'facilities', version: 2 }, { layer: 'settlements', version: 2 }]);
  });
});
