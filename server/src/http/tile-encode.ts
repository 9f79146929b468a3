// Pure tile maths and encoding: tile → lon/lat bounds, simplification tolerance, GeoJSON → MVT bytes.
// PGlite has no ST_AsMVT, so the database hands back clipped GeoJSON and Node cuts and encodes the tile.
import { createRequire } from 'node:module';
import GeoJSONVT from 'geojson-vt';
import type { Feature, FeatureCollection } from 'geojson';

const require = createRequire(import.meta.url);
// vt-pbf is CommonJS without types; this is the one function we use.
const vtpbf = require('vt-pbf') as {
  fromGeojsonVt(layers: Record<string, unknown>, options?: { version?: number; extent?: number }): Uint8Array;
};
// geojson-vt 5 is a class; @types/geojson-vt still describes the older factory function.
type TileIndex = { getTile(z: number, x: number, y: number): { features: unknown[] } | null };
const TileIndexClass = GeoJSONVT as unknown as new (data: FeatureCollection, options: object) => TileIndex;

export const EXTENT = 4096;
/** Tile edge buffer in tile units (of EXTENT), so lines and labels do not break at tile seams. */
export const BUFFER = 64;
export const MAX_ZOOM = 18;

export type TileBounds = { minx: number; miny: number; maxx: number; maxy: number };

export function isValidTile(z: number, x: number, y: number): boolean {
  if (!Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y)) return false;
  if (z < 0 || z > MAX_ZOOM) return false;
  const n = 2 ** z;
  return x >= 0 && x < n && y >= 0 && y < n;
}

function lonOf(x: number, z: number): number {
  return (x / 2 ** z) * 360 - 180;
}
function latOf(y: number, z: number): number {
  const n = Math.PI - (2 * Math.PI * y) / 2 ** z;
  return (180 / Math.PI) * Math.atan(Math.sinh(n));
}

/** Lon/lat bounds of tile z/x/y (Web Mercator XYZ scheme), grown by `buffer` tile units on each side. */
export function tileBounds(z: number, x: number, y: number, buffer = BUFFER): TileBounds {
  const b = buffer / EXTENT;
  return {
    minx: Math.max(-180, lonOf(x - b, z)),
    maxx: Math.min(180, lonOf(x + 1 + b, z)),
    miny: Math.max(-85.0511, latOf(y + 1 + b, z)),
    maxy: Math.min(85.0511, latOf(y - b, z)),
  };
}

/**
 * Simplification tolerance in degrees: a quarter of one tile unit's width at this zoom.
 * geojson-vt simplifies again in tile units, so anything finer is thrown away anyway.
 */
export function toleranceDeg(z: number): number {
  return 360 / 2 ** z / EXTENT / 4;
}

/** Grid cell (degrees) for clustering points at low zoom: 8 cells across one tile (64 px at 512 px). */
export function clusterCellDeg(z: number): number {
  return 360 / 2 ** z / 8;
}

/** Encodes features as one MVT layer of tile z/x/y; an empty layer when nothing falls in the tile. */
export function encodeTile(layer: string, features: Feature[], z: number, x: number, y: number): Uint8Array {
  const index = new TileIndexClass(
    { type: 'FeatureCollection', features },
    { maxZoom: z, indexMaxZoom: 0, tolerance: 3, extent: EXTENT, buffer: BUFFER },
  );
  const tile = index.getTile(z, x, y) ?? { features: [] };
  return vtpbf.fromGeojsonVt({ [layer]: tile }, { version: 2, extent: EXTENT });
}
