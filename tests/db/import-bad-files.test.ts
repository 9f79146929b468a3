// The bad-file corpus (tests/fixtures/import/bad/, one file per case, see its README): each file
// gets its error code and place, and leaves the database exactly as it was (rows, datasets, versions).
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportError } from '../../server/src/data/import/errors.ts';
import { importLayer, type ImportOptions } from '../../server/src/data/import/import-layer.ts';
import type { LayerName } from '../../server/src/data/layers.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { databaseSnapshot } from './import-support.ts';

const dir = fileURLToPath(new URL('../fixtures/import/', import.meta.url));

type Case = {
  file: string;
  layer: LayerName;
  options?: Partial<ImportOptions>;
  /** The first error, field by field (only the fields given are compared). */
  error: Partial<ImportError> & { code: ImportError['code'] };
  reason?: RegExp;
  /** Features/rows that were valid (they would have been written without the transaction). */
  valid?: number;
};

const CASES: Case[] = [
  { file: 'invalid-json.geojson', layer: 'roads', error: { code: 'invalid_json', line: 25, column: 4 }, reason: /expected ','/ },
  { file: 'not-a-collection.geojson', layer: 'roads', error: { code: 'not_feature_collection' }, reason: /"Feature", expected "FeatureCollection"/ },
  { file: 'features-not-array.geojson', layer: 'roads', error: { code: 'not_feature_collection' }, reason: /"features" is not an array/ },
  { file: 'feature-not-object.geojson', layer: 'roads', error: { code: 'invalid_feature', unit: 'feature', index: 2 }, valid: 2 },
  { file: 'wrong-geometry-type.geojson', layer: 'roads', error: { code: 'geometry_type', index: 2, id: 'r-2', field: 'geometry' }, reason: /Point is not accepted/, valid: 2 },
  { file: 'empty-geometry.geojson', layer: 'roads', error: { code: 'geometry_empty', index: 2, id: 'r-2' }, valid: 2 },
  { file: 'missing-geometry.geojson', layer: 'roads', error: { code: 'geometry_missing', index: 2, id: 'r-2' }, valid: 2 },
  {
    file: 'linestring-one-position.geojson', layer: 'roads',
    error: { code: 'geometry_malformed', index: 2, id: 'r-12', field: 'geometry' }, reason: /^LineString has 1 position, needs ≥ 2$/, valid: 2,
  },
  { file: 'non-numeric-coordinates.geojson', layer: 'roads', error: { code: 'geometry_malformed', index: 2 }, reason: /must be numbers/, valid: 2 },
  { file: 'unclosed-ring.geojson', layer: 'mobile_coverage', error: { code: 'geometry_malformed', index: 2, id: 'c-2' }, reason: /not closed/, valid: 1 },
  {
    file: 'self-intersecting-polygon.geojson', layer: 'mobile_coverage',
    error: { code: 'geometry_invalid', index: 2, id: 'c-2' }, reason: /Self-intersection\[73\.25 49\.25\]/, valid: 2,
  },
  { file: 'out-of-range.geojson', layer: 'roads', error: { code: 'coordinates_out_of_range', index: 2, id: 'r-2' }, valid: 2 },
  { file: 'swapped-kazakhstan.geojson', layer: 'roads', error: { code: 'coordinates_swapped', index: 2, id: 'r-2' }, reason: /inside it when swapped/, valid: 2 },
  {
    file: 'swapped-out-of-range.geojson', layer: 'roads', options: { extent: null },
    error: { code: 'coordinates_swapped', index: 2, id: 'r-2' }, reason: /out of range but valid when swapped/, valid: 1,
  },
  { file: 'outside-extent.geojson', layer: 'roads', error: { code: 'outside_extent', index: 2, id: 'r-2' }, reason: /--extent any/, valid: 2 },
  { file: 'duplicate-ids.geojson', layer: 'roads', error: { code: 'duplicate_id', index: 3, id: 'r-1', field: 'id' }, reason: /feature #1/, valid: 2 },
  { file: 'missing-id.geojson', layer: 'roads', error: { code: 'missing_id', index: 2, field: 'id' }, valid: 1 },
  { file: 'missing-required-field.geojson', layer: 'facilities', error: { code: 'missing_field', index: 2, id: 'f-2', field: 'kind' }, valid: 2 },
  { file: 'non-numeric-value.geojson', layer: 'facilities', error: { code: 'not_a_number', index: 2, id: 'f-2', field: 'students' }, reason: /"много" is not a number/, valid: 1 },
  { file: 'value-not-allowed.geojson', layer: 'facilities', error: { code: 'value_not_allowed', index: 2, id: 'f-2', field: 'kind' }, reason: /"clinic" is not one of school/, valid: 1 },
  { file: 'invalid-utf8.geojson', layer: 'roads', error: { code: 'bad_encoding', byteOffset: 377 }, reason: /0xFF is not valid UTF-8/ },
  { file: 'utf16.geojson', layer: 'roads', error: { code: 'bad_encoding', byteOffset: 0 }, reason: /UTF-16 LE/ },
  { file: 'windows-1251.csv', layer: 'settlements', error: { code: 'bad_encoding', byteOffset: 23 }, reason: /0xCA .*Windows-1251/ },
  { file: 'corrupt.geojson.gz', layer: 'roads', error: { code: 'unsupported_format' }, reason: /not a valid gzip file/ },
  { file: 'bad-wkt.csv', layer: 'roads', error: { code: 'geometry_malformed', unit: 'row', index: 2, line: 3, id: 'r-2', field: 'wkt' }, reason: /PostGIS cannot parse/, valid: 2 },
  { file: 'wkt-self-intersecting.csv', layer: 'mobile_coverage', error: { code: 'geometry_invalid', index: 2, line: 3, id: 'c-2', field: 'wkt' }, reason: /Self-intersection/, valid: 1 },
  { file: 'wkt-wrong-type.csv', layer: 'roads', error: { code: 'geometry_type', index: 2, id: 'r-2', field: 'wkt' }, valid: 1 },
  { file: 'column-count.csv', layer: 'facilities', error: { code: 'csv_column_count', unit: 'row', index: 2, line: 3 }, reason: /3 cells, the header has 4/, valid: 2 },
  { file: 'non-numeric-latitude.csv', layer: 'facilities', error: { code: 'not_a_number', index: 2, line: 3, field: 'lat' }, valid: 1 },
  { file: 'missing-geometry-columns.csv', layer: 'facilities', error: { code: 'missing_column', line: 1 }, reason: /easting, northing/ },
  // Issue 11: each of these failed at the database naming nothing, overflowed the stack, or wrote.
  { file: 'nul-in-cell.csv', layer: 'facilities', error: { code: 'nul_character', unit: 'row', index: 2, line: 3, field: 'name_ru' }, reason: /NUL character/, valid: 2 },
  { file: 'deep-properties.geojson', layer: 'roads', error: { code: 'too_deeply_nested', index: 2, id: 'r-52', field: 'nested' }, reason: /more than 32 levels/, valid: 2 },
  { file: 'id-in-other-dataset.geojson', layer: 'roads', error: { code: 'id_in_other_dataset', index: 2, id: 'r-1', field: 'id' }, reason: /already belongs to dataset "import:roads:roads\.geojson"/, valid: 2 },
  { file: 'header-only.csv', layer: 'facilities', error: { code: 'no_features' }, reason: /no data rows/ },
  { file: 'crs-3857.geojson', layer: 'roads', error: { code: 'unsupported_crs', field: 'crs' }, reason: /"crs" names EPSG:3857/ },
];

describe('bad import files', () => {
  let db: TestDatabase;
  let before: Awaited<ReturnType<typeof databaseSnapshot>>;
  beforeAll(async () => {
    db = await openTestDatabase();
    // Existing data, so "unchanged" means something: rows, datasets and versions on three layers.
    for (const [layer, file] of [['roads', 'good/roads.geojson'], ['facilities', 'good/facilities.geojson']] as const) {
      const r = await importLayer(db, { layer, file: dir + file });
      expect(r.errors).toEqual([]);
    }
    before = await databaseSnapshot(db);
  });
  afterAll(async () => db?.close());

  it('start from a database that holds rows and versions', () => {
    expect(before.rows.road).toBe(2);
    expect(before.versions.roads).toBe(1);
  });

  for (const c of CASES) {
    it(`${c.file}: ${c.error.code}, nothing written`, async () => {
      // Each bad file is a re-import of the dataset already there (its ids are those of good/),
      // so the only error is the file's own; id-in-other-dataset.geojson names its own dataset.
      const dataset = { id: c.file === 'id-in-other-dataset.geojson' ? undefined : `import:${c.layer}:${c.layer}.geojson` };
      const r = await importLayer(db, { layer: c.layer, file: dir + 'bad/' + c.file, dataset, ...c.options });
      expect(r.written).toBe(false);
      expect(r.errorCount).toBe(1);
      expect(r.errors[0]).toMatchObject({ file: dir + 'bad/' + c.file, ...c.error });
      if (c.reason) expect(r.errors[0]!.reason).toMatch(c.reason);
      if (c.valid !== undefined) expect(r.valid).toBe(c.valid);
      expect(await databaseSnapshot(db)).toEqual(before);
    });
  }

  it('too-many-errors.geojson: keeps 100 errors and counts the other 50', async () => {
    const r = await importLayer(db, { layer: 'roads', file: dir + 'bad/too-many-errors.geojson' });
    expect(r).toMatchObject({ read: 150, valid: 0, errorCount: 150, moreErrors: 50, written: false });
    expect(r.errors).toHaveLength(100);
    expect(r.errors[99]).toMatchObject({ code: 'missing_id', index: 100 });
    expect(await databaseSnapshot(db)).toEqual(before);
  });

  it('every file in the corpus has a case', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(dir + 'bad').filter((f) => f !== 'README.md').sort();
    expect(files).toEqual([...CASES.map((c) => c.file), 'too-many-errors.geojson'].sort());
  });
});
