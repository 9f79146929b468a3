// Ranking: score descending, ties by facility id (byte order), so the same input gives the same
// order on every backend. Facilities without a score (connected) get no rank.

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The rank (1-based) of each facility, in the order given (`scores[i]` is `ids[i]`'s score); null
 * for one without a score. Positions, not a map by id: a national plan ranks 2.2 M facilities.
 */
export function ranksOf(ids: readonly string[], scores: ReadonlyArray<number | null>): Array<number | null> {
  const order: number[] = [];
  for (let i = 0; i < ids.length; i++) if (scores[i] !== null) order.push(i);
  order.sort((a, b) => scores[b]! - scores[a]! || compareIds(ids[a]!, ids[b]!));
  const ranks = new Array<number | null>(ids.length).fill(null);
  for (let r = 0; r < order.length; r++) ranks[order[r]!] = r + 1;
  return ranks;
}
