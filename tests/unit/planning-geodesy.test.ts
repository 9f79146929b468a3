// The one distance model (server/src/planning/geodesy.ts): the WGS84 ellipsoid that PostGIS geography
// uses. Before issue 16 the settlement trench measured on a sphere (R = 6 371 008.8 m), which reads
// 111 195 m for one degree anywhere: 0.1 % long along a meridian, 0.1 % short along the equator.
import { describe, expect, it } from 'vitest';
import { geodesicM, localDistance } from '../../server/src/planning/geodesy.ts';

describe('geodesicM', () => {
  it('one degree of longitude on the equator is a·π/180 = 111 319.491 m', () => {
    expect(geodesicM([0, 0], [1, 0])).toBeCloseTo((6378137 * Math.PI) / 180, 3);
  });
  it('one degree of latitude from the equator is 110 574.389 m (the meridian arc of WGS84)', () => {
    expect(geodesicM([0, 0], [0, 1])).toBeCloseTo(110574.389, 2);
  });
  it('is zero for one point and symmetric', () => {
    expect(geodesicM([76.9, 43.2], [76.9, 43.2])).toBe(0);
    expect(geodesicM([76.9, 43.2], [71.4, 51.1])).toBeCloseTo(geodesicM([71.4, 51.1], [76.9, 43.2]), 6);
  });
  it('agrees with the local model on a sub-kilometre segment to 1e-6', () => {
    const exact = geodesicM([76.9, 43.2], [76.905, 43.203]);
    expect(Math.abs(localDistance(76.9, 43.2, 76.905, 43.203) - exact) / exact).toBeLessThan(1e-6);
  });
});
