// Nearest point on a set of polylines (the railway backbone), via a Flatbush index of segments.
import Flatbush from 'flatbush';
import { closestOnSegment, degreesAround, type LonLat } from './geometry.ts';

export interface NearestOnLines {
  point: [number, number];
  distanceKm: number;
}

export class LineIndex {
  private readonly segments: [LonLat, LonLat][] = [];
  private readonly index: Flatbush | null;

  constructor(lines: readonly (readonly LonLat[])[]) {
    for (const line of lines) {
      for (let i = 1; i < line.length; i++) this.segments.push([line[i - 1]!, line[i]!]);
    }
    if (this.segments.length === 0) {
      this.index = null;
      return;
    }
    this.index = new Flatbush(this.segments.length);
    for (const [a, b] of this.segments) {
      this.index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
    }
    this.index.finish();
  }

  /** The closest point on any line within `maxKm` of p, or null. Ties go to the earlier segment. */
  nearest(p: LonLat, maxKm: number): NearestOnLines | null {
    if (!this.index) return null;
    const { dLon, dLat } = degreesAround(p[1], maxKm);
    const hits = this.index.search(p[0] - dLon, p[1] - dLat, p[0] + dLon, p[1] + dLat).sort((a, b) => a - b);
    let best: NearestOnLines | null = null;
    for (const i of hits) {
      const [a, b] = this.segments[i]!;
      const c = closestOnSegment(p, a, b);
      if (c.distanceKm <= maxKm && (!best || c.distanceKm < best.distanceKm)) best = c;
    }
    return best;
  }
}
