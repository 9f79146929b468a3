// Field conversion, column mapping, ids, error formatting and delimiter sniffing: pure parts of the import.
import { describe, expect, it } from 'vitest';
import { formatImportError } from '../../server/src/data/import/errors.ts';
import { buildRow, consumedColumns, MappingError, parseMapArgs } from '../../server/src/data/import/mapping.ts';
import { detectDelimiter } from '../../server/src/data/import/source-file.ts';
import { convertValue } from '../../server/src/data/import/values.ts';
import { layerSpec } from '../../server/src/data/layers.ts';

const int = { name: 'students', type: 'integer', min: 0 } as const;

describe('convertValue', () => {
  it('converts numbers from JSON and from text', () => {
    expect(convertValue(12, int)).toEqual({ value: 12 });
    expect(convertValue(' 12 ', int)).toEqual({ value: 12 });
    expect(convertValue('1e3', int)).toEqual({ value: 1000 });
    expect(convertValue('2.5', { name: 'measured_mbps', type: 'number' })).toEqual({ value: 2.5 });
    expect(convertValue('', int)).toEqual({ value: null });
  });

  it('says why a number is refused', () => {
    expect(convertValue('12.5', int)).toMatchObject({ problem: { code: 'not_an_integer', field: 'students' } });
    expect(convertValue('3000000000', int)).toMatchObject({ problem: { code: 'not_an_integer' } });
    expect(convertValue(-1, int)).toMatchObject({ problem: { code: 'below_minimum', reason: '-1 is below the minimum 0' } });
    expect(convertValue('12,5', { name: 'x', type: 'number' })).toMatchObject({ problem: { code: 'not_a_number', reason: '"12,5" is not a number (a decimal comma? use a point)' } });
    expect(convertValue('12,5', { name: 'x', type: 'number' }, { decimalComma: true })).toEqual({ value: 12.5 });
  });

  it('checks allowed values, required fields, defaults and booleans', () => {
    const kind = layerSpec('facilities').fields.find((f) => f.name === 'kind')!;
    expect(convertValue('clinic', kind)).toMatchObject({ problem: { code: 'value_not_allowed' } });
    expect(convertValue(null, kind)).toMatchObject({ problem: { code: 'missing_field' } });
    const connection = layerSpec('facilities').fields.find((f) => f.name === 'connection')!;
    expect(convertValue(undefined, connection)).toEqual({ value: 'unknown' });
    const hub = { name: 'is_hub', type: 'boolean' } as const;
    expect(convertValue('да', hub)).toEqual({ value: true });
    expect(convertValue('жоқ', hub)).toEqual({ value: false });
    expect(convertValue('maybe', hub)).toMatchObject({ problem: { code: 'not_a_boolean' } });
  });
});

describe('mapping', () => {
  const spec = layerSpec('settlements');

  it('parses --map pairs and refuses unknown fields', () => {
    expect(parseMapArgs(['name_ru=NAME_RU', 'population = pop'], spec)).toEqual({ name_ru: 'NAME_RU', population: 'pop' });
    expect(() => parseMapArgs(['nmae_ru=NAME_RU'], spec)).toThrow(MappingError);
    expect(() => parseMapArgs(['name_ru'], spec)).toThrow(/expected field=source_column/);
  });

  it('builds the id from a template and keeps unmapped properties', () => {
    const m = { idTemplate: 'osm:{osm_id}', fields: { population: 'pop' } };
    const r = buildRow({ osm_id: 42, name: 'Ақсу', pop: '1200', note: 'x', empty: '' }, undefined, spec, m, consumedColumns(spec, m));
    expect(r.problems).toEqual([]);
    expect(r.row).toMatchObject({ id: 'osm:42', values: { name: 'Ақсу', population: 1200, is_hub: false }, properties: { note: 'x' } });
  });

  it('reports a missing id with the column the template needs', () => {
    const m = { idTemplate: 'osm:{osm_id}' };
    const r = buildRow({ name: 'x' }, undefined, spec, m, consumedColumns(spec, m));
    expect(r.problems).toEqual([{ code: 'missing_id', field: 'osm_id', reason: 'no value for {osm_id} in the id template osm:{osm_id}' }]);
  });

  it('names the source column of a mapped field in its error', () => {
    const m = { fields: { population: 'pop' } };
    const r = buildRow({ id: 's-1', pop: 'many' }, undefined, spec, m, consumedColumns(spec, m));
    expect(r.problems).toEqual([{ code: 'not_a_number', field: 'population (column pop)', reason: '"many" is not a number' }]);
  });
});

describe('formatImportError and detectDelimiter', () => {
  it('formats the place first, then the field and the reason', () => {
    expect(formatImportError({ code: 'geometry_malformed', file: '/data/roads.geojson', unit: 'feature', index: 12, id: 'r-12', field: 'geometry', reason: 'LineString has 1 position, needs ≥ 2' }))
      .toBe('roads.geojson feature #12 (id=r-12): geometry: LineString has 1 position, needs ≥ 2 [geometry_malformed]');
    expect(formatImportError({ code: 'invalid_json', file: 'a.geojson', line: 3, column: 7, reason: "invalid JSON: expected ','" }))
      .toBe("a.geojson (line 3, column 7): invalid JSON: expected ',' [invalid_json]");
  });

  it('picks the delimiter of the header, ignoring quoted text', () => {
    expect(detectDelimiter('id;name;lon;lat')).toBe(';');
    expect(detectDelimiter('id\tname\tlon')).toBe('\t');
    expect(detectDelimiter('"a;b;c",wkt,id')).toBe(',');
    expect(detectDelimiter('single')).toBe(',');
  });
});
