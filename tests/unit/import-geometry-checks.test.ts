// Geometry checks before PostGIS: type per layer, emptiness, structure, ranges, swaps, extent.
import { describe, expect, it } from 'vitest';
import { checkCoordinates, checkGeoJsonGeometry, KAZAKHSTAN_EXTENT } from '../../server/src/data/import/geometry-checks.ts';

const problem = (g: unknown, kind: 'Point' | 'MultiLineString' | 'MultiPolygon') => {
  const r = checkGeoJsonGeometry(g, kind);
  return 'problem' in r ? r.problem : undefined;
};

describe('checkGeoJsonGeometry', () => {
  it('accepts singles for Multi layers and returns the bounding box', () => {
    expect(checkGeoJsonGeometry({ type: 'LineString', coordinates: [[73, 49], [74, 50.5]] }, 'MultiLineString')).toEqual({ bbox: [73, 49, 74, 50.5] });
    expect(checkGeoJsonGeometry({ type: 'Point', coordinates: [71.43, 51.13, 350] }, 'Point')).toEqual({ bbox: [71.43, 51.13, 71.43, 51.13] });
  });

  it('names the geometry a layer stores when the type is wrong', () => {
    expect(problem({ type: 'Point', coordinates: [73, 49] }, 'MultiLineString')).toEqual({
      code: 'geometry_type', field: 'geometry', reason: 'Point is not accepted here; this layer stores MultiLineString (give LineString or MultiLineString)',
    });
    expect(problem({ type: 'MultiPoint', coordinates: [[73, 49]] }, 'Point')?.code).toBe('geometry_type');
  });

  it('counts positions per line and ring', () => {
    expect(problem({ type: 'LineString', coordinates: [[73, 49]] }, 'MultiLineString')?.reason).toBe('LineString has 1 position, needs ≥ 2');
    expect(problem({ type: 'MultiLineString', coordinates: [[[73, 49], [74, 49]], [[75, 49]]] }, 'MultiLineString')?.reason).toBe('MultiLineString part 2 has 1 position, needs ≥ 2');
    expect(problem({ type: 'Polygon', coordinates: [[[73, 49], [74, 49], [73, 49]]] }, 'MultiPolygon')?.reason).toBe('Polygon outer ring has 3 positions, a ring needs ≥ 4');
    expect(problem({ type: 'Polygon', coordinates: [[[73, 49], [74, 49], [74, 50], [73, 50]]] }, 'MultiPolygon')?.reason).toMatch(/not closed/);
  });

  it('tells empty, missing and malformed apart', () => {
    expect(problem({ type: 'MultiPolygon', coordinates: [] }, 'MultiPolygon')?.code).toBe('geometry_empty');
    expect(problem(null, 'Point')?.code).toBe('geometry_missing');
    expect(problem({ type: 'Circle', coordinates: [73, 49] }, 'Point')?.code).toBe('geometry_malformed');
    expect(problem({ type: 'Point', coordinates: [73, null] }, 'Point')?.code).toBe('geometry_malformed');
  });
});

describe('checkCoordinates', () => {
  it('accepts Kazakhstan, and a road that crosses the border', () => {
    expect(checkCoordinates([71.43, 51.13, 71.43, 51.13], KAZAKHSTAN_EXTENT)).toBeUndefined();
    expect(checkCoordinates([86.9, 49.0, 88.2, 49.5], KAZAKHSTAN_EXTENT)).toBeUndefined();
  });

  it('finds latitude and longitude swapped inside Kazakhstan', () => {
    // Astana (71.43 E, 51.13 N) written as (51.13, 71.43): in range, but latitude 71 is not Kazakhstan.
    expect(checkCoordinates([51.13, 71.43, 51.13, 71.43], KAZAKHSTAN_EXTENT)?.code).toBe('coordinates_swapped');
  });

  it('finds a swap that is out of range, with any extent', () => {
    expect(checkCoordinates([-33.86, 151.2, -33.86, 151.2], null)?.code).toBe('coordinates_swapped');
    // With the Kazakhstan extent the swapped point (Sydney) is not inside either: plain out of range.
    expect(checkCoordinates([-33.86, 151.2, -33.86, 151.2], KAZAKHSTAN_EXTENT)?.code).toBe('coordinates_out_of_range');
    expect(checkCoordinates([200, 49, 200, 49], null)?.code).toBe('coordinates_out_of_range');
  });

  it('reports a place outside the extent, unless the extent is any', () => {
    expect(checkCoordinates([2.35, 48.85, 2.35, 48.85], KAZAKHSTAN_EXTENT)).toMatchObject({ code: 'outside_extent', reason: expect.stringMatching(/--extent any/) });
    expect(checkCoordinates([2.35, 48.85, 2.35, 48.85], null)).toBeUndefined();
  });
});
