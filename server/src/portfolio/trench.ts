// Shared last mile: the facilities of one settlement that take fibre share one trench, laid as a
// minimum spanning tree (Prim) from the access point, and its cost is shared in proportion to
// each facility's stand-alone drop (docs/planning-model.md, "Shared last mile"). Pure: no I/O.
import { haversineM, type LonLat } from './geodesic.ts';

export type TrenchNode = { id: string; lon: number; lat: number };
export type AccessPoint = TrenchNode & {
  /** 'splice' = a mid-span splice into a built route (costs spliceUsd); 'pop' = an existing PoP. */
  kind: 'pop' | 'splice';
};
export type TrenchFacility = TrenchNode & {
  /** Demand, for the per-Mbps part of opex (the same shared or alone). */
  demandMbps: number;
};

/** How a trench between two points runs: its length and, when known, its line. */
export type PathFn = (a: TrenchNode, b: TrenchNode) => { meters: number; line?: LonLat[] };

/** Geodesic distance × route factor (1.2: Giga open cost model); the line is the straight segment. */
export function geodesicPath(routeFactor: number): PathFn {
  return (a, b) => ({ meters: haversineM([a.lon, a.lat], [b.lon, b.lat]) * routeFactor });
}

/** The fibre-drop cost model (planning model, technology table); amounts in USD. */
export type TrenchCostModel = {
  siteUsd: number; // per facility: termination, ONT, in-building works
  perKmUsd: number; // trench + cable per km of path
  spliceUsd: number; // per splice closure: at a mid-span access point, and at every tree branch
  opexShare: number; // opex per year as a share of capex
  opexUsdPerMbps: number; // opex per year per Mbps of demand
  multiplier: number; // regional cost multiplier (frozen ground, mountains, season)
  years: number; // T
  rate: number; // r
};

/** Present value of 1 per year for T years at rate r: (1 − (1 + r)^−T) / r (ITU CPP). */
export function pvifa(rate: number, years: number): number {
  return rate === 0 ? years : (1 - (1 + rate) ** -years) / rate;
}

export function tcoUsd(capexUsd: number, demandMbps: number, m: TrenchCostModel): number {
  return capexUsd + (m.opexShare * capexUsd + m.opexUsdPerMbps * demandMbps) * pvifa(m.rate, m.years);
}

export type TrenchEdge = { from: string; to: string; meters: number };
export type TrenchShare = {
  facilityId: string;
  standaloneM: number;
  standaloneCapexUsd: number;
  standaloneTcoUsd: number;
  allocatedCapexUsd: number;
  allocatedTcoUsd: number;
};
export type Trench = {
  accessPoint: AccessPoint;
  /** 'mst' normally; 'star' when branch closures make the tree dearer than one drop per facility. */
  layout: 'mst' | 'star';
  edges: TrenchEdge[];
  lengthM: number;
  standaloneLengthM: number;
  capexUsd: number;
  tcoUsd: number;
  standaloneCapexUsd: number;
  standaloneTcoUsd: number;
  /** Σ stand-alone TCO − shared TCO. */
  savingUsd: number;
  shares: TrenchShare[];
  geometry: { type: 'MultiLineString'; coordinates: LonLat[][] };
};

/** Prim's algorithm on the complete graph over [access point, ...facilities]; O(n²), n is small. */
export function primTree(nodes: readonly TrenchNode[], path: PathFn): { parent: number[]; meters: number[] } {
  const n = nodes.length;
  const best = new Array<number>(n).fill(Infinity);
  const parent = new Array<number>(n).fill(-1);
  const meters = new Array<number>(n).fill(0);
  const inTree = new Array<boolean>(n).fill(false);
  best[0] = 0;
  for (let step = 0; step < n; step++) {
    let u = -1;
    // Ties go to the lower index (input order), so the same input gives the same tree.
    for (let i = 0; i < n; i++) if (!inTree[i] && (u < 0 || best[i]! < best[u]!)) u = i;
    inTree[u] = true;
    meters[u] = best[u]!;
    for (let v = 0; v < n; v++) {
      if (inTree[v]) continue;
      const d = path(nodes[u]!, nodes[v]!).meters;
      if (d < best[v]!) {
        best[v] = d;
        parent[v] = u;
      }
    }
  }
  meters[0] = 0;
  return { parent, meters };
}

/**
 * Lays one trench for a settlement. Costs (before the regional multiplier):
 *   stand-alone drop i = site + perKm × d(access, i) + (mid-span splice if the access point is one)
 *   shared tree        = n × site + perKm × tree length + (one mid-span splice) + one closure per
 *                        facility where the tree branches on to another facility.
 * Each facility's share of the shared capex and TCO is proportional to its stand-alone figure.
 */
export function layTrench(
  accessPoint: AccessPoint,
  facilities: readonly TrenchFacility[],
  model: TrenchCostModel,
  path: PathFn,
): Trench {
  if (facilities.length === 0) throw new Error(`while laying a trench from ${accessPoint.id}: no facilities`);
  const nodes: TrenchNode[] = [accessPoint, ...facilities];
  const accessSplice = accessPoint.kind === 'splice' ? model.spliceUsd : 0;
  const perM = model.perKmUsd / 1000;
  const k = model.multiplier;

  const direct = facilities.map((f) => path(accessPoint, f));
  const alone = facilities.map((f, i) => {
    const capex = (model.siteUsd + perM * direct[i]!.meters + accessSplice) * k;
    return { capex, tco: tcoUsd(capex, f.demandMbps, model) };
  });
  const standaloneCapexUsd = sum(alone.map((a) => a.capex));
  const standaloneTcoUsd = sum(alone.map((a) => a.tco));
  const standaloneLengthM = sum(direct.map((d) => d.meters));
  const demand = sum(facilities.map((f) => f.demandMbps));
  const sites = facilities.length * model.siteUsd;

  const { parent, meters } = primTree(nodes, path);
  const mstLength = sum(meters);
  const branches = new Set(parent.filter((p) => p > 0)).size;
  const mstCapex = (sites + perM * mstLength + accessSplice + branches * model.spliceUsd) * k;
  const starCapex = (sites + perM * standaloneLengthM + accessSplice) * k;
  const layout = mstCapex <= starCapex ? 'mst' : 'star';
  const parentOf = (i: number) => (layout === 'mst' ? parent[i]! : 0);

  const edges: TrenchEdge[] = [];
  const coordinates: LonLat[][] = [];
  for (let i = 1; i < nodes.length; i++) {
    const a = nodes[parentOf(i)]!;
    const b = nodes[i]!;
    const p = layout === 'mst' ? path(a, b) : direct[i - 1]!;
    edges.push({ from: a.id, to: b.id, meters: p.meters });
    coordinates.push(p.line ?? [[a.lon, a.lat], [b.lon, b.lat]]);
  }
  const capexUsd = layout === 'mst' ? mstCapex : starCapex;
  const tco = tcoUsd(capexUsd, demand, model);
  const shares = facilities.map((f, i) => ({
    facilityId: f.id,
    standaloneM: direct[i]!.meters,
    standaloneCapexUsd: alone[i]!.capex,
    standaloneTcoUsd: alone[i]!.tco,
    allocatedCapexUsd: (capexUsd * alone[i]!.capex) / standaloneCapexUsd,
    allocatedTcoUsd: (tco * alone[i]!.tco) / standaloneTcoUsd,
  }));
  return {
    accessPoint,
    layout,
    edges,
    lengthM: sum(edges.map((e) => e.meters)),
    standaloneLengthM,
    capexUsd,
    tcoUsd: tco,
    standaloneCapexUsd,
    standaloneTcoUsd,
    savingUsd: standaloneTcoUsd - tco,
    shares,
    geometry: { type: 'MultiLineString', coordinates },
  };
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
