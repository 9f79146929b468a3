// Ranking: score descending, ties by facility id (byte order), so the same input gives the same
// order on every backend. Facilities without a score (connected) get no rank.

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The rank (1-based) of each facility, in the order given (`scores[i]` is `ids[i]`'s score); null
 * for one without a score. Positions, not a map by id: a national plan ranks 2.2 M facilities.
 * The scores are put in order by their bits (byScoreDescending), not by a comparison function: for
 * 1.6 M ranked facilities a comparison sort took 3.3 s on this machine (6 s inside a national
 * re-rank), the radix sort about 0.3 s. Only facilities of equal score are compared by id.
 */
export function ranksOf(ids: readonly string[], scores: ReadonlyArray<number | null>): Array<number | null> {
  const { order, hi, lo } = byScoreDescending(scores, ids.length);
  // Runs of equal score, each put in id order (the radix sort left them in input order).
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && hi[end] === hi[start] && lo[end] === lo[start]) end++;
    if (end - start <= 16) { // insertion sort: most runs are a pair
      for (let j = start + 1; j < end; j++) {
        const x = order[j]!;
        let k = j;
        for (; k > start && compareIds(ids[order[k - 1]!]!, ids[x]!) > 0; k--) order[k] = order[k - 1]!;
        order[k] = x;
      }
    } else order.set(Array.from(order.subarray(start, end)).sort((a, b) => compareIds(ids[a]!, ids[b]!)), start);
    start = end;
  }
  const ranks = new Array<number | null>(ids.length).fill(null);
  for (let r = 0; r < order.length; r++) ranks[order[r]!] = r + 1;
  return ranks;
}

/**
 * Positions of the scored entries among the first `n` of `scores`, highest score first, equal
 * scores in input order (-0 and 0 are equal), with the sort keys in that order. An LSD radix sort on each double's bits
 * made to order as an unsigned 64-bit integer (`hi`, `lo`): eight stable passes of one byte, each
 * key moved with its position (reading them in place instead was four times slower).
 */
function byScoreDescending(scores: ReadonlyArray<number | null>, n: number): { order: Uint32Array; hi: Uint32Array; lo: Uint32Array } {
  // Entries 0 … n-1; a missing one (a hole) has no score, in both loops, or keys would be left unset.
  let m = 0;
  for (let i = 0; i < n; i++) if (scores[i] !== null && scores[i] !== undefined) m++;
  let hi = new Uint32Array(m), lo = new Uint32Array(m), order = new Uint32Array(m);
  const view = new DataView(new ArrayBuffer(8));
  for (let i = 0, k = 0; i < n; i++) {
    const s = scores[i];
    if (s === null || s === undefined) continue;
    view.setFloat64(0, s === 0 ? 0 : s); // big-endian: the high word first
    let h = view.getUint32(0), l = view.getUint32(4);
    // Ascending as unsigned: a negative double's bits all flipped, a positive one's sign bit set.
    if (h >>> 31) { h = ~h >>> 0; l = ~l >>> 0; } else h = (h | 0x80000000) >>> 0;
    hi[k] = ~h >>> 0; // flipped again: descending
    lo[k] = ~l >>> 0;
    order[k++] = i;
  }
  let hi2 = new Uint32Array(m), lo2 = new Uint32Array(m), order2 = new Uint32Array(m);
  const count = new Uint32Array(257);
  for (let pass = 0; pass < 8; pass++) {
    const shift = (pass & 3) * 8;
    const word = pass < 4 ? lo : hi;
    count.fill(0);
    for (let j = 0; j < m; j++) count[((word[j]! >>> shift) & 255) + 1]!++;
    if (count.includes(m)) continue; // every key has the same byte here: nothing moves
    for (let d = 1; d < 257; d++) count[d]! += count[d - 1]!;
    for (let j = 0; j < m; j++) {
      const p = count[(word[j]! >>> shift) & 255]!++;
      hi2[p] = hi[j]!;
      lo2[p] = lo[j]!;
      order2[p] = order[j]!;
    }
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
    [order, order2] = [order2, order];
  }
  return { order, hi, lo };
}
