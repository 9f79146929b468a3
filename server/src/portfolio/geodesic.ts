// Great-circle distance on the WGS84 mean sphere; the trench uses it when no road graph is given.
export type LonLat = readonly [number, number];

/** Mean Earth radius (IUGG), metres: the same sphere as turf's distance. */
export const EARTH_RADIUS_M = 6_371_008.8;

export function haversineM(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}
