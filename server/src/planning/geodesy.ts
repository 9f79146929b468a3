// The one distance model: the WGS84 ellipsoid, as PostGIS geography measures it (Karney via
// GeographicLib). geodesicM is Vincenty's inverse formula (Survey Review 1975, sub-millimetre here);
// localDistance uses the local radii of curvature at the mean latitude, exact to ~1e-6 for the
// sub-kilometre road segments of road-graph.ts and far cheaper.
export type LonLat = readonly [number, number];

const A = 6378137;
const F = 1 / 298.257223563;
const B_AXIS = A * (1 - F);
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

/** Geodesic distance in metres between two [lon, lat] points on the WGS84 ellipsoid. */
export function geodesicM(p: LonLat, q: LonLat): number {
  const [lon1, lat1] = p, [lon2, lat2] = q;
  const L = (lon2 - lon1) * RAD;
  const U1 = Math.atan((1 - F) * Math.tan(lat1 * RAD));
  const U2 = Math.atan((1 - F) * Math.tan(lat2 * RAD));
  const sinU1 = Math.sin(U1), cosU1 = Math.cos(U1), sinU2 = Math.sin(U2), cosU2 = Math.cos(U2);
  let lambda = L;
  for (let i = 0; i < 200; i++) {
    const sinL = Math.sin(lambda), cosL = Math.cos(lambda);
    const sinSigma = Math.sqrt((cosU2 * sinL) ** 2 + (cosU1 * sinU2 - sinU1 * cosU2 * cosL) ** 2);
    if (sinSigma === 0) return 0;
    const cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
    const sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinL) / sinSigma;
    const cos2Alpha = 1 - sinAlpha * sinAlpha;
    const cos2SigmaM = cos2Alpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cos2Alpha;
    const C = (F / 16) * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
    const prev = lambda;
    lambda = L + (1 - C) * F * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM ** 2)));
    if (Math.abs(lambda - prev) < 1e-12) {
      const u2 = (cos2Alpha * (A * A - B_AXIS * B_AXIS)) / (B_AXIS * B_AXIS);
      const k1 = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
      const k2 = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
      const dSigma = k2 * sinSigma * (cos2SigmaM + (k2 / 4) * (cosSigma * (-1 + 2 * cos2SigmaM ** 2) - (k2 / 6) * cos2SigmaM * (-3 + 4 * sinSigma ** 2) * (-3 + 4 * cos2SigmaM ** 2)));
      return B_AXIS * k1 * (sigma - dSigma);
    }
  }
  throw new Error('Vincenty did not converge (nearly antipodal points)');
}
