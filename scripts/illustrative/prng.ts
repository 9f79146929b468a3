// Seeded randomness for the illustrative layers. Every decision draws from its own stream, keyed by
// (seed, purpose, entity id), so adding a settlement or a rule never reshuffles unrelated choices.

import { fnv1a32 } from '../../server/src/fnv1a.ts';

export { mulberry32 } from '../../server/src/prng.ts';
import { mulberry32 } from '../../server/src/prng.ts';

export interface Rng {
  /** float in [0, 1) */
  next(): number;
  /** integer in [min, max], both inclusive */
  int(min: number, max: number): number;
  /** float in [min, max) */
  uniform(min: number, max: number): number;
  /** true with probability p */
  chance(p: number): boolean;
  /** a key of `shares` drawn with probability proportional to its share */
  pick<K extends string>(shares: Readonly<Record<K, number>>): K;
}

export function makeRng(next: () => number): Rng {
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    uniform: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick<K extends string>(shares: Readonly<Record<K, number>>): K {
      const keys = Object.keys(shares) as K[];
      const total = keys.reduce((s, k) => s + shares[k], 0);
      let x = next() * total;
      for (const k of keys) {
        x -= shares[k];
        if (x < 0) return k;
      }
      return keys[keys.length - 1]!;
    },
  };
}

/** The stream for one decision about one entity, e.g. rngFor(seed, 'connection', facilityId). */
export function rngFor(seed: number, purpose: string, key: string): Rng {
  return makeRng(mulberry32(fnv1a32(`${seed}|${purpose}|${key}`)));
}
