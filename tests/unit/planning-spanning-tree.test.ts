import { describe, expect, it } from 'vitest';
import { primTree, type PathFn } from '../../server/src/planning/spanning-tree.ts';

// A planar path so the fixture can be worked by hand: lon/lat are metres east/north here.
const planar: PathFn = (a, b) => ({ meters: Math.hypot(a.lon - b.lon, a.lat - b.lat) });

describe('the shared trench tree: a village with a school, a medical point and a library', () => {
  // Access point A at (0,0); school S (1000,0); FAP F (1000,500); library L (0,800).
  //   A–L 800, A–S 1000, A–F √(1000²+500²) = 1118.034, S–F 500, S–L 1280.6, F–L √(1000²+300²) = 1044.03
  // Prim from A: take L (800, via A); then S (1000 via A) beats F (1044 via L); then F (500 via S).
  //   tree = A–L 800 + A–S 1000 + S–F 500 = 2300 m (separate drops would be 2918.034 m)
  const nodes = [{ id: 'A', lon: 0, lat: 0 }, { id: 'S', lon: 1000, lat: 0 }, { id: 'F', lon: 1000, lat: 500 }, { id: 'L', lon: 0, lat: 800 }];
  it('lays the minimum spanning tree from the access point', () => {
    const { parent, meters } = primTree(nodes, planar);
    expect(parent).toEqual([-1, 0, 1, 0]);
    expect(meters[1]! + meters[2]! + meters[3]!).toBeCloseTo(2300, 9);
  });
  it('breaks ties by input order', () => {
    const { parent } = primTree([{ id: 'A', lon: 0, lat: 0 }, { id: 'B', lon: 1, lat: 0 }, { id: 'C', lon: -1, lat: 0 }], planar);
    expect(parent).toEqual([-1, 0, 0]);
  });
});
