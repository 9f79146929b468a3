// Great-circle distance on the WGS84 mean sphere; the trench uses it when no road graph is given.
export type LonLat = readonly [number, number];

/** Mean Earth radius (IUGG), metres: the same sphere as turf's distance. */
export const EARTH_RADIUS_M = 6_371_008.8;

export function haversineM(a: LonLat, b: LonLat): number {
  return haversineLonLatM(a[0], a[1], b[0], b[1]);
}

/** The same distance from four numbers (no arrays: the trench search calls it millions of times). */
export function haversineLonLatM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}
