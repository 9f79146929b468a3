// Minimum spanning tree (Prim) over a settlement's access point and facilities: the shared trench
// of docs/planning-model.md "Shared last mile". O(n²) on the complete graph; n is a village. Pure.

export type TreeNode = { id: string; lon: number; lat: number };

/** How a trench between two points runs: its length in metres. */
export type PathFn = (a: TreeNode, b: TreeNode) => { meters: number };

/** Prim from node 0; parent[i] is i's neighbour towards node 0 (−1 for the root), meters[i] that edge. */
export function primTree(nodes: readonly TreeNode[], path: PathFn): { parent: number[]; meters: number[] } {
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
