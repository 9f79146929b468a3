// Ranking: score descending, ties by facility id (byte order), so the same input gives the same
// order on every backend. Facilities without a score (connected) get no rank.

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Returns rank (1-based) per facility id. */
export function rankByScore(rows: ReadonlyArray<{ facilityId: string; score: number | null }>): Map<string, number> {
  const ranked = rows.filter((r) => r.score !== null) as Array<{ facilityId: string; score: number }>;
  ranked.sort((a, b) => b.score - a.score || compareIds(a.facilityId, b.facilityId));
  return new Map(ranked.map((r, i) => [r.facilityId, i + 1]));
}
