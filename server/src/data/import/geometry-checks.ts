// Pure checks of one geometry before it reaches PostGIS: type for the layer, emptiness, structure
// (positions per line and ring), coordinate ranges, swapped latitude/longitude, expected extent.
// Topological validity (self-intersection) is checked in SQL with ST_IsValidReason.
import type { GeometryKind } from '../layers.ts';
import type { ImportErrorCode } from './errors.ts';

export type Problem = { code: ImportErrorCode; field: string; reason: string };
export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];
export type Extent = { name: string; bbox: BBox } | null;

/** Kazakhstan with a margin: 46.4–87.4 E, 40.5–55.5 N. */
export const KAZAKHSTAN_EXTENT: Extent = { name: 'Kazakhstan (46.4–87.4 E, 40.5–55.5 N)', bbox: [46.4, 40.5, 87.4, 55.5] };

/** GeoJSON types each stored geometry accepts; singles are promoted with ST_Multi. */
export const ACCEPTED_TYPES: Record<GeometryKind, readonly string[]> = {
  Point: ['Point'],
  MultiLineString: ['LineString', 'MultiLineString'],
  MultiPolygon: ['Polygon', 'MultiPolygon'],
};

const KNOWN = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'];

export function checkGeometryType(type: string, kind: GeometryKind): Problem | undefined {
  if (ACCEPTED_TYPES[kind].includes(type)) return undefined;
  return {
    code: 'geometry_type',
    field: 'geometry',
    reason: `${type} is not accepted here; this layer stores ${kind} (give ${ACCEPTED_TYPES[kind].join(' or ')})`,
  };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Structural check of GeoJSON coordinates; on success returns the bounding box. */
export function checkGeoJsonGeometry(g: unknown, kind: GeometryKind): { problem: Problem } | { bbox: BBox } {
  const fail = (code: ImportErrorCode, reason: string) => ({ problem: { code, field: 'geometry', reason } });
  if (g === null || g === undefined) return fail('geometry_missing', 'the feature has no geometry');
  if (typeof g !== 'object' || Array.isArray(g)) return fail('geometry_malformed', 'geometry must be an object');
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (typeof type !== 'string' || !KNOWN.includes(type)) {
    return fail('geometry_malformed', `unknown geometry type ${JSON.stringify(type)}`);
  }
  const typeProblem = checkGeometryType(type, kind);
  if (typeProblem) return { problem: typeProblem };
  if (!Array.isArray(coordinates)) return fail('geometry_malformed', `${type} needs a coordinates array`);
  if (coordinates.length === 0) return fail('geometry_empty', `${type} is empty (no coordinates)`);

  const bbox: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const position = (p: unknown, where: string): string | undefined => {
    if (!Array.isArray(p) || p.length < 2) return `${where}: a position needs [longitude, latitude]`;
    const [x, y] = p as unknown[];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      return `${where}: coordinates must be numbers, got ${JSON.stringify(p).slice(0, 60)}`;
    }
    if (x < bbox[0]) bbox[0] = x;
    if (y < bbox[1]) bbox[1] = y;
    if (x > bbox[2]) bbox[2] = x;
    if (y > bbox[3]) bbox[3] = y;
    return undefined;
  };
  const line = (l: unknown, label: string, where: string): string | undefined => {
    if (!Array.isArray(l)) return `${where}: expected an array of positions`;
    if (l.length < 2) return `${label} has ${plural(l.length, 'position')}, needs ≥ 2`;
    for (let i = 0; i < l.length; i++) {
      const e = position(l[i], `${where} position ${i + 1}`);
      if (e) return e;
    }
    return undefined;
  };
  const ring = (r: unknown, where: string): string | undefined => {
    if (!Array.isArray(r)) return `${where}: expected an array of positions`;
    if (r.length < 4) return `${where} has ${plural(r.length, 'position')}, a ring needs ≥ 4`;
    const e = line(r, where, where);
    if (e) return e;
    const a = r[0] as number[];
    const b = r[r.length - 1] as number[];
    if (a[0] !== b[0] || a[1] !== b[1]) return `${where} is not closed (first and last positions differ)`;
    return undefined;
  };
  const polygon = (p: unknown, where: string): string | undefined => {
    if (!Array.isArray(p) || p.length === 0) return `${where} has no rings`;
    for (let i = 0; i < p.length; i++) {
      const e = ring(p[i], `${where}${i === 0 ? ' outer ring' : ` ring ${i + 1}`}`);
      if (e) return e;
    }
    return undefined;
  };

  let err: string | undefined;
  switch (type) {
    case 'Point':
      err = position(coordinates, 'Point');
      break;
    case 'LineString':
      err = line(coordinates, 'LineString', 'LineString');
      break;
    case 'MultiLineString':
      for (let i = 0; i < coordinates.length && !err; i++) err = line(coordinates[i], `MultiLineString part ${i + 1}`, `part ${i + 1}`);
      break;
    case 'Polygon':
      err = polygon(coordinates, 'Polygon');
      break;
    case 'MultiPolygon':
      for (let i = 0; i < coordinates.length && !err; i++) err = polygon(coordinates[i], `MultiPolygon part ${i + 1}`);
      break;
  }
  if (err) return fail('geometry_malformed', err);
  return { bbox };
}

const inRange = (b: BBox) => b[0] >= -180 && b[2] <= 180 && b[1] >= -90 && b[3] <= 90;
const intersects = (b: BBox, e: BBox) => b[0] <= e[2] && b[2] >= e[0] && b[1] <= e[3] && b[3] >= e[1];
const swap = (b: BBox): BBox => [b[1], b[0], b[3], b[2]];
const fmt = (b: BBox) =>
  b[0] === b[2] && b[1] === b[3] ? `(${b[0]}, ${b[1]})` : `(${b[0]}, ${b[1]})–(${b[2]}, ${b[3]})`;

/** Range and extent checks on the geometry's bounding box. A geometry that touches the extent passes. */
export function checkCoordinates(b: BBox, extent: Extent): Problem | undefined {
  const sw = swap(b);
  const swapFits = inRange(sw) && (!extent || intersects(sw, extent.bbox));
  if (!inRange(b)) {
    if (swapFits) {
      return {
        code: 'coordinates_swapped',
        field: 'geometry',
        reason: `longitude/latitude ${fmt(b)} are out of range but valid when swapped: GeoJSON and WKT put longitude first`,
      };
    }
    return { code: 'coordinates_out_of_range', field: 'geometry', reason: `coordinates ${fmt(b)} exceed longitude −180…180 / latitude −90…90` };
  }
  if (extent && !intersects(b, extent.bbox)) {
    if (swapFits) {
      return {
        code: 'coordinates_swapped',
        field: 'geometry',
        reason: `coordinates ${fmt(b)} lie outside ${extent.name} but inside it when swapped: longitude comes first`,
      };
    }
    return { code: 'outside_extent', field: 'geometry', reason: `coordinates ${fmt(b)} lie outside ${extent.name} (use --extent any to accept)` };
  }
  return undefined;
}

/** PostGIS GeometryType() names → GeoJSON names. */
export function geoJsonTypeName(postgisType: string): string {
  const t = postgisType.toUpperCase();
  const map: Record<string, string> = {
    POINT: 'Point', MULTIPOINT: 'MultiPoint', LINESTRING: 'LineString', MULTILINESTRING: 'MultiLineString',
    POLYGON: 'Polygon', MULTIPOLYGON: 'MultiPolygon', GEOMETRYCOLLECTION: 'GeometryCollection',
  };
  return map[t] ?? postgisType;
}
