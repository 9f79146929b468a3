// The tile encoder: GeoJSON in, MVT bytes out, decoded back with @mapbox/vector-tile + pbf.
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { EXTENT, clusterCellDeg, encodeTile, isValidTile, tileBounds, toleranceDeg } from '../../server/src/http/tile-encode.ts';

const point = (lon: number, lat: number, properties: Record<string, unknown>): Feature => ({
  type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties,
});

function decode(bytes: Uint8Array) {
  return new VectorTile(new Pbf(bytes));
}

describe('tile bounds', () => {
  it('tile 0/0/0 without buffer is the whole Web Mercator world', () => {
    const b = tileBounds(0, 0, 0, 0);
    expect(b.minx).toBe(-180);
    expect(b.maxx).toBe(180);
    // atan(sinh(π)) = 85.0511°, the Mercator limit (clamped).
    expect(b.maxy).toBeCloseTo(85.0511, 4);
    expect(b.miny).toBeCloseTo(-85.0511, 4);
  });
  it('tile 1/1/0 is the north-east quarter: lon 0..180, lat 0..85.05', () => {
    const b = tileBounds(1, 1, 0, 0);
    expect([b.minx, b.maxx]).toEqual([0, 180]);
    expect(b.miny).toBeCloseTo(0, 9);
  });
  it('a 64-unit buffer widens tile 1/1/0 by 64/4096 of its 180° width = 2.8125° each side', () => {
    const b = tileBounds(1, 1, 0);
    expect(b.minx).toBeCloseTo(-2.8125, 9);
    expect(b.maxx).toBe(180); // clamped
  });
  it('rejects tiles outside the pyramid', () => {
    expect(isValidTile(2, 3, 3)).toBe(true);
    expect(isValidTile(2, 4, 0)).toBe(false);
    expect(isValidTile(-1, 0, 0)).toBe(false);
    expect(isValidTile(19, 0, 0)).toBe(false);
    expect(isValidTile(1.5, 0, 0)).toBe(false);
  });
  it('tolerance and cluster cell shrink by half per zoom', () => {
    // z0: 360° / 4096 units / 4 = 0.02197°; cell = 360 / 8 = 45°.
    expect(toleranceDeg(0)).toBeCloseTo(360 / 4096 / 4, 12);
    expect(toleranceDeg(1)).toBeCloseTo(toleranceDeg(0) / 2, 12);
    expect(clusterCellDeg(0)).toBe(45);
    expect(clusterCellDeg(3)).toBe(45 / 8);
  });
});

describe('encodeTile', () => {
  it('puts (0°, 0°) at the centre of tile 0/0/0 and (90°E, 0°) three quarters across', () => {
    const bytes = encodeTile('facilities', [point(0, 0, { id: 'a', kind: 'school' }), point(90, 0, { id: 'b', kind: 'health' })], 0, 0, 0);
    const layer = decode(bytes).layers.facilities!;
    expect(layer.extent).toBe(EXTENT);
    expect(layer.length).toBe(2);
    const byId = new Map(Array.from({ length: layer.length }, (_, i) => layer.feature(i)).map((f) => [f.properties.id, f]));
    // x = (lon + 180) / 360 × 4096: 0° → 2048, 90° → 3072; y at the equator = 2048.
    expect(byId.get('a')!.loadGeometry()[0]![0]).toMatchObject({ x: 2048, y: 2048 });
    expect(byId.get('b')!.loadGeometry()[0]![0]).toMatchObject({ x: 3072, y: 2048 });
    expect(byId.get('b')!.properties.kind).toBe('health');
    expect(byId.get('b')!.type).toBe(1); // Point
  });

  it('maps 90°E, 66.5133°N to the centre of tile 1/1/0 and drops a point of another tile', () => {
    // Mercator y of 66.5133° is 0.25 of the world: inside tile 1/1/0 at (0.25·2·4096) = 2048.
    const lat = (180 / Math.PI) * Math.atan(Math.sinh(Math.PI / 2));
    const bytes = encodeTile('settlements', [point(90, lat, { id: 'in' }), point(-90, -lat, { id: 'out' })], 1, 1, 0);
    const layer = decode(bytes).layers.settlements!;
    expect(layer.length).toBe(1);
    expect(layer.feature(0).properties.id).toBe('in');
    expect(layer.feature(0).loadGeometry()[0]![0]).toMatchObject({ x: 2048, y: 2048 });
  });

  it('keeps Cyrillic and Kazakh names intact', () => {
    const name = 'Қызылорда — Әйтеке би, Ұлытау, Өскемен, Үржар, Ғ Ң Һ І';
    const bytes = encodeTile('settlements', [point(65.5, 44.8, { id: 's', name_kk: name })], 0, 0, 0);
    expect(decode(bytes).layers.settlements!.feature(0).properties.name_kk).toBe(name);
  });

  it('encodes a line and a polygon with their types', () => {
    const line: Feature = { type: 'Feature', properties: { id: 'r' }, geometry: { type: 'LineString', coordinates: [[-90, 0], [90, 0]] } };
    const poly: Feature = {
      type: 'Feature', properties: { id: 'p' },
      geometry: { type: 'Polygon', coordinates: [[[-10, -10], [10, -10], [10, 10], [-10, 10], [-10, -10]]] },
    };
    const layer = decode(encodeTile('shapes', [line, poly], 0, 0, 0)).layers.shapes!;
    const types = Array.from({ length: layer.length }, (_, i) => layer.feature(i).type).sort();
    expect(types).toEqual([2, 3]);
    // The line runs from x=1024 to x=3072 along y=2048.
    const lf = Array.from({ length: layer.length }, (_, i) => layer.feature(i)).find((f) => f.type === 2)!;
    const pts = lf.loadGeometry()[0]!;
    expect(pts[0]).toMatchObject({ x: 1024, y: 2048 });
    expect(pts.at(-1)).toMatchObject({ x: 3072, y: 2048 });
  });

  it('writes an empty, still valid layer when no feature falls in the tile', () => {
    const tile = decode(encodeTile('facilities', [], 5, 10, 10));
    expect(tile.layers.facilities?.length ?? 0).toBe(0);
  });
});
