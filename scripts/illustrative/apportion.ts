// Spreading an official total over settlements so the sum is exact: one each to the largest
// eligible places, then the rest by the D'Hondt divisor rule (each next unit goes to the place with
// the most people per unit it would have), which gives bigger places proportionally more.

export interface Claimant {
  id: string;
  weight: number; // population
}

/**
 * Returns units per claimant id, summing to exactly `total`.
 * - If `total` < number of claimants, the `total` heaviest get one each (ties: lower id first).
 * - Otherwise each gets `base` (default 1), and the rest go one by one to the largest
 *   weight / (units + 1), ties to the lower id.
 */
export function apportion(claimants: readonly Claimant[], total: number): Map<string, number> {
  if (!Number.isInteger(total) || total < 0) throw new Error(`while apportioning: total ${total} is not a count`);
  const order = [...claimants].sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const units = new Map<string, number>();
  if (total === 0) return units;
  if (order.length === 0) throw new Error(`while apportioning ${total} units: no eligible claimant`);
  for (const c of order.slice(0, total)) units.set(c.id, 1);
  return dhondt(order, units, total - Math.min(total, order.length));
}

/**
 * Adds `extra` units one by one to the claimant with the largest weight / (units + 1), starting
 * from `start` (claimants absent from it hold 0); ties go to the lower id. Returns a new map.
 */
export function dhondt(claimants: readonly Claimant[], start: ReadonlyMap<string, number>, extra: number): Map<string, number> {
  const units = new Map(start);
  let left = extra;
  if (left === 0) return units;
  if (claimants.length === 0) throw new Error(`while apportioning ${extra} units: no eligible claimant`);
  const order = [...claimants].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  // A binary heap keyed on (weight / (units + 1), then id).
  type Entry = { c: Claimant; q: number };
  const heap: Entry[] = [];
  const before = (a: Entry, b: Entry) => a.q > b.q || (a.q === b.q && a.c.id < b.c.id);
  const push = (e: Entry) => {
    heap.push(e);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const pop = (): Entry => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  };
  for (const c of order) push({ c, q: c.weight / ((units.get(c.id) ?? 0) + 1) });
  while (left > 0) {
    const { c } = pop();
    const n = (units.get(c.id) ?? 0) + 1;
    units.set(c.id, n);
    push({ c, q: c.weight / (n + 1) });
    left--;
  }
  return units;
}
