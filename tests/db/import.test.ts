// importLayer on a real database (both backends): upsert on re-import, layer versions, skip-invalid,
// dry run, mapping and unmapped properties, CSV, dataset metadata, geometry repair.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importLayer } from '../../server/src/data/import/import-layer.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { databaseSnapshot } from './import-support.ts';

const dir = fileURLToPath(new URL('../fixtures/import/', import.meta.url));

describe('importLayer', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  it('inserts, keeps unmapped properties, records the dataset and bumps the layer version', async () => {
    const r = await importLayer(db, {
      layer: 'roads', file: dir + 'good/roads.geojson',
      dataset: { id: 'test-roads', title: 'Test roads', licence: 'CC0', provenance: 'estimated', origin: 'fixture', attribution: 'us' },
    });
    expect(r).toMatchObject({ read: 2, valid: 2, inserted: 2, updated: 0, unchanged: 0, written: true, layerVersion: 1, errorCount: 0 });
    const rows = await db.query<{ id: string; road_class: string; provenance: string; dataset_id: string; properties: unknown; t: string }>(
      'SELECT id, road_class, provenance, dataset_id, properties, GeometryType(geom) AS t FROM road ORDER BY id',
    );
    expect(rows).toEqual([
      { id: 'r-1', road_class: 'primary', provenance: 'estimated', dataset_id: 'test-roads', properties: {}, t: 'MULTILINESTRING' },
      { id: 'r-2', road_class: 'secondary', provenance: 'estimated', dataset_id: 'test-roads', properties: { surface: 'asphalt' }, t: 'MULTILINESTRING' },
    ]);
    expect(await db.query('SELECT id, layer, title, licence, attribution, origin, provenance FROM dataset')).toEqual([
      { id: 'test-roads', layer: 'roads', title: 'Test roads', licence: 'CC0', attribution: 'us', origin: 'fixture', provenance: 'estimated' },
    ]);
  });

  it('re-importing the same file changes nothing and keeps the version', async () => {
    const r = await importLayer(db, { layer: 'roads', file: dir + 'good/roads.geojson', dataset: { id: 'test-roads', title: 'Test roads', licence: 'CC0', provenance: 'estimated' } });
    expect(r).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, written: true, layerVersion: null });
    expect(await db.query('SELECT version FROM layer_version WHERE layer = $1', ['roads'])).toEqual([{ version: 1 }]);
  });

  it('a changed file updates rows by id, never duplicates them, and bumps the version once', async () => {
    const r = await importLayer(db, { layer: 'roads', file: dir + 'good/roads-changed.geojson', dataset: { id: 'test-roads', title: 'Test roads', licence: 'CC0', provenance: 'estimated' } });
    // r-1 identical, r-2 new class and surface, r-3 new.
    expect(r).toMatchObject({ inserted: 1, updated: 1, unchanged: 1, layerVersion: 2 });
    const rows = await db.query<{ id: string; road_class: string | null; properties: unknown }>('SELECT id, road_class, properties FROM road ORDER BY id');
    expect(rows).toEqual([
      { id: 'r-1', road_class: 'primary', properties: {} },
      { id: 'r-2', road_class: 'tertiary', properties: { surface: 'gravel' } },
      { id: 'r-3', road_class: null, properties: {} },
    ]);
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const before = await databaseSnapshot(db);
    const r = await importLayer(db, { layer: 'roads', file: dir + 'good/roads.geojson', dryRun: true, dataset: { id: 'test-roads', title: 'Test roads', licence: 'CC0', provenance: 'estimated' } });
    // roads.geojson against roads-changed: r-1 same, r-2 back to secondary/asphalt; r-3 is not in the file.
    expect(r).toMatchObject({ dryRun: true, read: 2, valid: 2, inserted: 0, updated: 1, unchanged: 1, written: false, layerVersion: null });
    expect(await databaseSnapshot(db)).toEqual(before);
    expect(await db.query(`SELECT road_class FROM road WHERE id = 'r-2'`)).toEqual([{ road_class: 'tertiary' }]);
  });

  it('--skip-invalid writes only the valid rows and reports the others', async () => {
    const r = await importLayer(db, { layer: 'roads', file: dir + 'bad/linestring-one-position.geojson', skipInvalid: true, dataset: { id: 'test-roads', title: 'Test roads', licence: 'CC0', provenance: 'estimated' } });
    expect(r).toMatchObject({ read: 3, valid: 2, invalid: 1, written: true, errorCount: 1, layerVersion: 3 });
    expect(r.errors[0]).toMatchObject({ code: 'geometry_malformed', index: 2, id: 'r-12' });
    // r-1 updated, r-3 inserted, r-12 absent; all in the one dataset (rows never move between datasets).
    const rows = await db.query<{ id: string; dataset_id: string }>('SELECT id, dataset_id FROM road ORDER BY id');
    expect(rows).toEqual([
      { id: 'r-1', dataset_id: 'test-roads' }, { id: 'r-2', dataset_id: 'test-roads' }, { id: 'r-3', dataset_id: 'test-roads' },
    ]);
  });

  it('maps columns, builds ids from a template and converts types', async () => {
    const r = await importLayer(db, {
      layer: 'facilities', file: dir + 'good/facilities.geojson',
      mapping: { idTemplate: 'test:{id}', fields: { name_ru: 'name' } },
    });
    expect(r.errors).toEqual([]);
    // No settlements in this database: the two facilities without a settlement_id stay orphans.
    expect(r.attachment).toEqual({ attached: 0, orphans: 2, orphanIds: ['test:f-2', 'test:f-3'] });
    const rows = await db.query('SELECT id, kind, subkind, name, name_ru, students, staff, population_served, connection, measured_mbps, settlement_id FROM facility ORDER BY id');
    expect(rows).toEqual([
      // "name" feeds name_ru by the mapping and name by its own name; connection defaults to 'unknown'.
      { id: 'test:f-1', kind: 'school', subkind: 'small_class_school', name: 'Школа №1', name_ru: 'Школа №1', students: 120, staff: 14, population_served: null, connection: 'satellite', measured_mbps: null, settlement_id: 's-1' },
      { id: 'test:f-2', kind: 'health', subkind: 'fap', name: 'ФАП', name_ru: 'ФАП', students: null, staff: null, population_served: 800, connection: 'none', measured_mbps: null, settlement_id: null },
      { id: 'test:f-3', kind: 'library', subkind: null, name: 'Кітапхана', name_ru: 'Кітапхана', students: null, staff: null, population_served: null, connection: 'unknown', measured_mbps: 2.5, settlement_id: null },
    ]);
  });

  it('imports a ;-separated CSV with lon/lat columns; unmapped columns go to properties', async () => {
    const r = await importLayer(db, { layer: 'facilities', file: dir + 'good/facilities.csv' });
    expect(r).toMatchObject({ format: 'csv', read: 2, valid: 2, inserted: 2, errorCount: 0 });
    const rows = await db.query(`SELECT id, kind, name_ru, students, properties, ST_X(geom) AS x, ST_Y(geom) AS y FROM facility WHERE id LIKE 'f-1_' ORDER BY id`);
    expect(rows).toEqual([
      { id: 'f-10', kind: 'school', name_ru: 'Школа', students: 55, properties: { district: 'Абай' }, x: 73.1, y: 49.8 },
      { id: 'f-11', kind: 'health', name_ru: 'ФАП', students: null, properties: {}, x: 73.2, y: 49.81 },
    ]);
  });

  it('refuses a dataset id that belongs to another layer', async () => {
    const r = await importLayer(db, { layer: 'railways', file: dir + 'good/roads.geojson', dataset: { id: 'test-roads' } });
    expect(r).toMatchObject({ written: false, errorCount: 1 });
    expect(r.errors[0]).toMatchObject({ code: 'dataset_conflict', field: 'dataset' });
  });

  it('with makeValid repairs a self-intersecting polygon and notes why', async () => {
    const r = await importLayer(db, { layer: 'mobile_coverage', file: dir + 'bad/self-intersecting-polygon.geojson', makeValid: true });
    expect(r).toMatchObject({ valid: 3, repaired: 1, inserted: 3, written: true, errorCount: 0 });
    const [row] = await db.query<{ valid: boolean; t: string; reason: string }>(
      `SELECT ST_IsValid(geom) AS valid, GeometryType(geom) AS t, properties->>'geometry_repaired' AS reason FROM mobile_coverage WHERE id = 'c-2'`,
    );
    expect(row).toEqual({ valid: true, t: 'MULTIPOLYGON', reason: 'Self-intersection[73.25 49.25]' });
  });
});
