// A road graph built from road geometries, for the along-road length of a fibre drop: snap both
// ends to the nearest road within a limit, then A* over the graph (no pgRouting). Pure: no I/O.
import Flatbush from 'flatbush';
import TinyQueue from 'tinyqueue';
import { localDistance, metresPerDegree } from './geodesy.ts';

export type LonLat = readonly [number, number];

type Snap = { seg: number; lon: number; lat: number; snapM: number; toA: number; toB: number };

export type RoadPath =
  | { ok: true; pathM: number; snapFromM: number; snapToM: number }
  | { ok: false; reason: 'no_road_near_facility' | 'no_road_near_access' | 'no_path_within_limit' };

export class RoadGraph {
  private readonly lon: number[] = [];
  private readonly lat: number[] = [];
  private readonly adj: Array<Array<[number, number]>> = [];
  private readonly segA: number[] = [];
  private readonly segB: number[] = [];
  private readonly segLen: number[] = [];
  // Read-only once built: a graph is kept and shared between runs and lanes (measures.ts roadGraphOf).
  private readonly index: Flatbush | null;

  /** Lines as coordinate arrays; vertices at the same coordinate (to 1e-6°) are one node. */
  constructor(lines: Iterable<ReadonlyArray<LonLat>>) {
    const ids = new Map<string, number>();
    const node = ([x, y]: LonLat) => {
      const key = `${x.toFixed(6)},${y.toFixed(6)}`;
      let id = ids.get(key);
      if (id === undefined) {
        id = this.lon.push(x) - 1;
        this.lat.push(y);
        this.adj.push([]);
        ids.set(key, id);
      }
      return id;
    };
    for (const line of lines) {
      for (let i = 1; i < line.length; i++) {
        const a = node(line[i - 1]!);
        const b = node(line[i]!);
        if (a === b) continue;
        const w = localDistance(this.lon[a]!, this.lat[a]!, this.lon[b]!, this.lat[b]!);
        this.adj[a]!.push([b, w]);
        this.adj[b]!.push([a, w]);
        this.segA.push(a);
        this.segB.push(b);
        this.segLen.push(w);
      }
    }
    this.index = null;
    if (this.segA.length > 0) {
      const fb = new Flatbush(this.segA.length);
      for (let s = 0; s < this.segA.length; s++) {
        const a = this.segA[s]!;
        const b = this.segB[s]!;
        fb.add(Math.min(this.lon[a]!, this.lon[b]!), Math.min(this.lat[a]!, this.lat[b]!), Math.max(this.lon[a]!, this.lon[b]!), Math.max(this.lat[a]!, this.lat[b]!));
      }
      fb.finish();
      this.index = fb;
    }
  }

  get nodeCount(): number {
    return this.lon.length;
  }
  get segmentCount(): number {
    return this.segA.length;
  }

  /** Nearest point on any road within limitM, in a local metric frame around the point. */
  snap([x, y]: LonLat, limitM: number): Snap | null {
    if (!this.index) return null;
    const k = metresPerDegree(y);
    const dx = limitM / k.x;
    const dy = limitM / k.y;
    let best: Snap | null = null;
    for (const s of this.index.search(x - dx, y - dy, x + dx, y + dy)) {
      const a = this.segA[s]!;
      const b = this.segB[s]!;
      const ax = (this.lon[a]! - x) * k.x, ay = (this.lat[a]! - y) * k.y;
      const bx = (this.lon[b]! - x) * k.x, by = (this.lat[b]! - y) * k.y;
      const vx = bx - ax, vy = by - ay;
      const len2 = vx * vx + vy * vy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * vx + ay * vy) / len2));
      const px = ax + t * vx, py = ay + t * vy;
      const d = Math.hypot(px, py);
      // Ties go to the lower segment index: the same input snaps the same way every time.
      if (d <= limitM && (!best || d < best.snapM)) {
        const len = this.segLen[s]!;
        best = { seg: s, lon: x + px / k.x, lat: y + py / k.y, snapM: d, toA: t * len, toB: (1 - t) * len };
      }
    }
    return best;
  }

  /** Shortest road path (snap + graph + snap) between two points, or why there is none. */
  path(from: LonLat, to: LonLat, snapLimitM: number, maxPathM: number): RoadPath {
    const s = this.snap(from, snapLimitM);
    if (!s) return { ok: false, reason: 'no_road_near_facility' };
    const t = this.snap(to, snapLimitM);
    if (!t) return { ok: false, reason: 'no_road_near_access' };
    const extra = s.snapM + t.snapM;
    let best = Infinity;
    if (s.seg === t.seg) best = Math.abs(s.toA - t.toA);
    const tA = this.segA[t.seg]!, tB = this.segB[t.seg]!;
    const tLon = t.lon, tLat = t.lat;
    // A* heuristic: 0.99 × straight-line distance keeps it admissible against rounding.
    const h = (n: number) => 0.99 * localDistance(this.lon[n]!, this.lat[n]!, tLon, tLat);
    const g = new Map<number, number>();
    const queue = new TinyQueue<[number, number, number]>([], (p, q) => p[0] - q[0]); // [f, g, node]
    const push = (n: number, d: number) => {
      if (d < (g.get(n) ?? Infinity)) {
        g.set(n, d);
        queue.push([d + h(n), d, n]);
      }
    };
    push(this.segA[s.seg]!, s.toA);
    push(this.segB[s.seg]!, s.toB);
    const limit = maxPathM - extra;
    while (queue.length > 0) {
      const [f, d, n] = queue.pop()!;
      if (f >= best || f > limit) break;
      if (d > (g.get(n) ?? Infinity)) continue;
      if (n === tA) best = Math.min(best, d + t.toA);
      if (n === tB) best = Math.min(best, d + t.toB);
      for (const [m, w] of this.adj[n]!) push(m, d + w);
    }
    if (best === Infinity || best + extra > maxPathM) return { ok: false, reason: 'no_path_within_limit' };
    return { ok: true, pathM: best + extra, snapFromM: s.snapM, snapToM: t.snapM };
  }
}
