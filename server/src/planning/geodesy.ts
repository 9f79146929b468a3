// Short-distance geodesy on the WGS84 ellipsoid: local radii of curvature at the mean latitude.
// Exact to ~1e-6 for the sub-kilometre road segments it is used on; long distances come from PostGIS.
const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const RAD = Math.PI / 180;

/** Metres per degree of latitude (meridian radius) and of longitude at latitude `lat`. */
export function metresPerDegree(lat: number): { y: number; x: number } {
  const s = Math.sin(lat * RAD);
  const w = 1 - E2 * s * s;
  const m = (A * (1 - E2)) / (w * Math.sqrt(w));
  const n = A / Math.sqrt(w);
  return { y: m * RAD, x: n * Math.cos(lat * RAD) * RAD };
}

export function localDistance(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const k = metresPerDegree((lat1 + lat2) / 2);
  const dx = (lon2 - lon1) * k.x;
  const dy = (lat2 - lat1) * k.y;
  return Math.sqrt(dx * dx + dy * dy);
}
