// The road graph: snapping within a limit, A* around a detour, and the ways a path can fail.
// Near 50°N one degree of latitude is 111,2xx m and one of longitude ~71,6xx m (localDistance).
import { describe, expect, it } from 'vitest';
import { localDistance } from '../../server/src/planning/geodesy.ts';
import { RoadGraph } from '../../server/src/planning/road-graph.ts';

// A U road: up the 70.10 meridian, west along 50.07, down the 70.01 meridian (as in the db fixture),
// plus a disconnected stub far away.
const U: Array<[number, number]> = [[70.1, 50.05], [70.1, 50.07], [70.01, 50.07], [70.01, 50.05]];
const graph = new RoadGraph([U, [[75, 45], [75.01, 45]]]);
const leg = localDistance(70.1, 50.05, 70.1, 50.07); // 0.02° × 111,230.2 = 2,224.60
const top = localDistance(70.1, 50.07, 70.01, 50.07); // 0.09° × 71,591.60 = 6,443.24

describe('RoadGraph', () => {
  it('joins lines at shared vertices', () => {
    expect(graph.nodeCount).toBe(6);
    expect(graph.segmentCount).toBe(4);
    expect(leg).toBeCloseTo(2224.6, 1);
    expect(top).toBeCloseTo(6443.24, 1);
  });

  it('goes around the U: 2 × 2,224.60 + 6,443.24 = 10,892.45 m', () => {
    const r = graph.path([70.1, 50.05], [70.01, 50.05], 1000, 20000);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.pathM).toBeCloseTo(10892.45, 1);
      expect(r.snapFromM).toBe(0);
    }
  });

  it('adds the snaps: a point 0.005° east of the start is 0.005 × 71,621.37 = 358.11 m off the road', () => {
    const r = graph.path([70.105, 50.05], [70.01, 50.05], 1000, 20000);
    expect(r.ok && r.snapFromM).toBeCloseTo(358.11, 1);
    expect(r.ok && r.pathM).toBeCloseTo(10892.45 + 358.11, 1);
  });

  it('walks along one segment when both ends snap to it', () => {
    const r = graph.path([70.1, 50.055], [70.1, 50.065], 1000, 20000);
    expect(r.ok && r.pathM).toBeCloseTo(leg / 2, 1);
  });

  it('fails with a reason: too far from a road, no connection, path beyond the limit', () => {
    expect(graph.path([70.2, 50.05], [70.01, 50.05], 1000, 20000)).toEqual({ ok: false, reason: 'no_road_near_facility' });
    expect(graph.path([70.1, 50.05], [70.3, 50.05], 1000, 20000)).toEqual({ ok: false, reason: 'no_road_near_access' });
    expect(graph.path([70.1, 50.05], [75.005, 45], 1000, 1e9)).toEqual({ ok: false, reason: 'no_path_within_limit' });
    expect(graph.path([70.1, 50.05], [70.01, 50.05], 1000, 10000)).toEqual({ ok: false, reason: 'no_path_within_limit' });
  });

  it('an empty graph snaps nothing', () => {
    expect(new RoadGraph([]).path([70, 50], [70.1, 50], 1000, 20000)).toEqual({ ok: false, reason: 'no_road_near_facility' });
  });
});
