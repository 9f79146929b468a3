// Small-scale geodesy for the derivation: distances up to ~100 km, offsets of a few hundred metres.
// A local equirectangular frame around the query point is accurate to well under 1 % at 60 km in
// Kazakhstan's latitudes (40–56° N), which is ample for illustrative layers.

export type LonLat = readonly [number, number];

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in km (haversine). */
export function distanceKm(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Kilometres per degree of longitude and latitude at a latitude. */
export function kmPerDegree(lat: number): { lon: number; lat: number } {
  const perDeg = EARTH_RADIUS_KM * RAD;
  return { lon: perDeg * Math.cos(lat * RAD), lat: perDeg };
}

/** The point `distanceM` metres from `origin` towards `bearingDeg` (0 = north, clockwise). */
export function offsetPoint(origin: LonLat, distanceM: number, bearingDeg: number): [number, number] {
  const k = kmPerDegree(origin[1]);
  const dKm = distanceM / 1000;
  const b = bearingDeg * RAD;
  return [origin[0] + (dKm * Math.sin(b)) / k.lon, origin[1] + (dKm * Math.cos(b)) / k.lat];
}

export interface ClosestOnSegment {
  point: [number, number];
  distanceKm: number;
}

/** The point of segment a–b closest to p, in a frame centred on p. */
export function closestOnSegment(p: LonLat, a: LonLat, b: LonLat): ClosestOnSegment {
  const k = kmPerDegree(p[1]);
  const ax = (a[0] - p[0]) * k.lon, ay = (a[1] - p[1]) * k.lat;
  const bx = (b[0] - p[0]) * k.lon, by = (b[1] - p[1]) * k.lat;
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  const x = ax + t * dx, y = ay + t * dy;
  return { point: [p[0] + x / k.lon, p[1] + y / k.lat], distanceKm: Math.hypot(x, y) };
}

/** Length of a polyline in km. */
export function lineLengthKm(coords: readonly LonLat[]): number {
  let km = 0;
  for (let i = 1; i < coords.length; i++) km += distanceKm(coords[i - 1]!, coords[i]!);
  return km;
}

/** Degrees of longitude / latitude that contain `km` around a latitude (for bounding-box queries). */
export function degreesAround(lat: number, km: number): { dLon: number; dLat: number } {
  const k = kmPerDegree(Math.min(85, Math.abs(lat) + km / 111));
  return { dLon: km / k.lon, dLat: km / k.lat };
}

/** Rounds a coordinate to 6 decimals (~0.1 m), so output text is stable and compact. */
export function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/**
 * A growable grid index of points (cell = `cellDeg` degrees), for "which points lie within r km".
 * Insertion order is kept inside a cell so queries are deterministic.
 */
export class PointGrid<T> {
  private readonly cells = new Map<string, { at: LonLat; item: T }[]>();
  constructor(private readonly cellDeg = 0.5) {}

  private key(ix: number, iy: number): string {
    return `${ix}:${iy}`;
  }

  add(at: LonLat, item: T): void {
    const k = this.key(Math.floor(at[0] / this.cellDeg), Math.floor(at[1] / this.cellDeg));
    let cell = this.cells.get(k);
    if (!cell) this.cells.set(k, (cell = []));
    cell.push({ at, item });
  }

  /** Items within `km` of `p`, nearest first (ties keep insertion order). */
  within(p: LonLat, km: number): { at: LonLat; item: T; distanceKm: number }[] {
    const { dLon, dLat } = degreesAround(p[1], km);
    const x0 = Math.floor((p[0] - dLon) / this.cellDeg), x1 = Math.floor((p[0] + dLon) / this.cellDeg);
    const y0 = Math.floor((p[1] - dLat) / this.cellDeg), y1 = Math.floor((p[1] + dLat) / this.cellDeg);
    const found: { at: LonLat; item: T; distanceKm: number; order: number }[] = [];
    let order = 0;
    for (let ix = x0; ix <= x1; ix++) {
      for (let iy = y0; iy <= y1; iy++) {
        for (const e of this.cells.get(this.key(ix, iy)) ?? []) {
          const d = distanceKm(p, e.at);
          if (d <= km) found.push({ ...e, distanceKm: d, order: order++ });
        }
      }
    }
    found.sort((a, b) => a.distanceKm - b.distanceKm || a.order - b.order);
    return found.map(({ at, item, distanceKm }) => ({ at, item, distanceKm }));
  }
}
