// One notion of "the same value" for what a database row or result column holds: what result-write.ts
// compares to send only changed rows, and what input-cache.ts compares to keep an unchanged input.

/** The same value as read or written (null and undefined alike; -0 is not 0, NaN is NaN): Object.is without its cost on the hot path. */
export const sameValue = (a: unknown, b: unknown): boolean =>
  a === b ? a !== 0 || 1 / (a as number) === 1 / (b as number) : (a == null && b == null) || (a !== a && b !== b);
