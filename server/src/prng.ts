// The one seeded PRNG (mulberry32) of Baylanys — Monte Carlo, illustrative data, synthetic scale-up —
// and the two distributions the Monte Carlo uses.
// Deterministic for a seed on every platform: only 32-bit integer arithmetic and one division.

export type Rng = () => number;

/** mulberry32: 32-bit state, period 2^32, good enough for cost ranges (not for cryptography). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng();
}

/**
 * Triangular(min, mode, max) by inverse CDF: F(x) = (x−a)²/((b−a)(c−a)) below the mode,
 * so x = a + sqrt(u (b−a)(c−a)) for u < (c−a)/(b−a), else x = b − sqrt((1−u)(b−a)(b−c)).
 */
export function triangular(rng: Rng, min: number, mode: number, max: number): number {
  if (max === min) return min;
  const u = rng();
  const split = (mode - min) / (max - min);
  return u < split
    ? min + Math.sqrt(u * (max - min) * (mode - min))
    : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
}
