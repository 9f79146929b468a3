import { describe, expect, it } from 'vitest';
import { closestOnSegment, distanceKm, lineLengthKm, offsetPoint, PointGrid } from '../../scripts/illustrative/geometry.ts';

// One degree of a great circle on the mean Earth (R = 6371.0088 km) is R·π/180 = 111.1951 km.
const DEG_KM = 111.1951;

describe('illustrative geometry', () => {
  it('measures a degree of latitude and of longitude at 60° N', () => {
    expect(distanceKm([70, 50], [70, 51])).toBeCloseTo(DEG_KM, 3);
    // along a parallel at 60°, a short arc is cos 60° = 0.5 of a meridian degree: 55.60 km
    expect(distanceKm([70, 60], [70.01, 60]) * 100).toBeCloseTo(DEG_KM / 2, 1);
  });

  it('offsets a point by metres towards a bearing', () => {
    const north = offsetPoint([70, 50], 1000, 0);
    expect(north[0]).toBeCloseTo(70, 9);
    expect(north[1]).toBeCloseTo(50 + 1 / DEG_KM, 7);
    expect(distanceKm([70, 50], offsetPoint([70, 50], 800, 123)) * 1000).toBeCloseTo(800, 0);
  });

  it('finds the closest point of a segment: inside it, and clamped to an end', () => {
    // segment along the parallel 50° N from 70° E to 71° E; point 0.1° north of its middle
    const mid = closestOnSegment([70.5, 50.1], [70, 50], [71, 50]);
    expect(mid.point[0]).toBeCloseTo(70.5, 9);
    expect(mid.point[1]).toBeCloseTo(50, 9);
    expect(mid.distanceKm).toBeCloseTo(0.1 * DEG_KM, 4);
    const end = closestOnSegment([69, 50], [70, 50], [71, 50]);
    expect(end.point).toEqual([70, 50]);
  });

  it('sums a polyline', () => {
    expect(lineLengthKm([[70, 50], [70, 51], [70, 52]])).toBeCloseTo(2 * DEG_KM, 3);
  });

  it('returns grid neighbours within a radius, nearest first, across cells', () => {
    const grid = new PointGrid<string>(0.5);
    grid.add([70.49, 50], 'a'); // 0.01° of longitude at 50° N ≈ 0.71 km west
    grid.add([70.52, 50], 'b'); // ≈ 1.43 km east, in the next cell
    grid.add([71.5, 50], 'far'); // ≈ 71 km
    expect(grid.within([70.5, 50], 5).map((e) => e.item)).toEqual(['a', 'b']);
    expect(grid.within([70.5, 50], 100).map((e) => e.item)).toEqual(['a', 'b', 'far']);
  });
});
