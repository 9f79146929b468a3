// Score = beneficiaries per million KZT of TCO × connection × hub school × lit village.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETERS as P } from '../../server/src/planning/parameters.ts';
import { beneficiaries, score } from '../../server/src/planning/score.ts';
import { ranksOf } from '../../server/src/planning/rank.ts';

describe('beneficiaries', () => {
  const f = { students: 180, staff: 20, populationServed: 800, settlementPopulation: 1000 };
  it('school: students + staff = 200', () => expect(beneficiaries({ ...f, kind: 'school' }, P)).toBe(200));
  it('health: population served = 800', () => expect(beneficiaries({ ...f, kind: 'health' }, P)).toBe(800));
  it('library: 0.3 × settlement population = 300', () => expect(beneficiaries({ ...f, kind: 'library' }, P)).toBe(300));
  it('missing counts are zero, not NaN', () => {
    expect(beneficiaries({ kind: 'school', students: null, staff: 5, populationServed: null, settlementPopulation: null }, P)).toBe(5);
  });
});

describe('score', () => {
  it('hub school in a lit village: 200 / 4.57592 M KZT × 1.0 × 1.3 × 1.2 = 68.183010', () => {
    const s = score({ beneficiaries: 200, tcoKzt: 4575920, connection: 'none', subkind: 'hub_school', gapClass: 'lit_village', measuredFlag: null }, P);
    expect(s.value).toBe(68.18301);
    expect(s.components).toEqual({ beneficiaries: 200, tcoMillionKzt: 4.57592, connection: 1, hubSchool: 1.3, litVillage: 1.2, unreliable: 1 });
    expect(s.explanation).toContain('hub school 1.3');
  });
  it('a DSL line lowers priority: 100 / 1 M × 0.4 = 40', () => {
    expect(score({ beneficiaries: 100, tcoKzt: 1e6, connection: 'dsl', subkind: null, gapClass: 'near_fibre', measuredFlag: null }, P).value).toBe(40);
  });
  it('an unknown connection counts as none', () => {
    expect(score({ beneficiaries: 100, tcoKzt: 1e6, connection: 'unknown', subkind: null, gapClass: 'unserved', measuredFlag: null }, P).value).toBe(100);
  });
});

describe('ranksOf', () => {
  it('orders by score, then by id in byte order ("f10" < "f7"), skipping the unscored; ranks in the order given', () => {
    expect(ranksOf(['f7', 'f10', 'a', 'c'], [5, 5, 9, null])).toEqual([3, 2, 1, null]);
    expect(ranksOf(['c', 'b', 'a'], [-1.5, 0, -1.5])).toEqual([3, 1, 2]);
    expect(ranksOf([], [])).toEqual([]);
  });
  it('sorts by the score\'s value across signs, magnitudes and infinities; -0 and 0 tie and go by id', () => {
    const scores = [1e-300, -0, Infinity, -2.5, 0, 1e300, -Infinity, 3, 2.9999999999999996, null, -1e-300];
    const ids = ['k', 'a', 'c', 'd', 'b', 'f', 'g', 'h', 'i', 'j', 'e'];
    // By hand: Inf (c), 1e300 (f), 3 (h), 2.9999999999999996 (i), 1e-300 (k), -0 (a) and 0 (b) by id,
    // -1e-300 (e), -2.5 (d), -Inf (g); j has no score.
    expect(ranksOf(ids, scores)).toEqual([5, 6, 1, 9, 7, 2, 10, 3, 4, null, 8]);
  });
  it('counts a missing score (a hole in the column) as none, and ranks the others from 1', () => {
    expect(ranksOf(['a', 'b', 'c', 'd'], [3, , 1, 2] as Array<number | null>)).toEqual([1, null, 3, 2]); // b: a hole
  });
  it('gives the order of a comparison sort (score descending, then id) on many scores with ties', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const n = 20_000;
    // Few distinct scores (long runs of ties), some negative, a quarter unscored; ids unordered.
    const scores = Array.from({ length: n }, () => (next() < 0.25 ? null : Math.round((next() - 0.3) * 400) / 8));
    const ids = Array.from({ length: n }, (_, i) => `f${Math.floor(next() * 1e6)}-${i}`);
    const order = ids.map((_, i) => i).filter((i) => scores[i] !== null)
      .sort((a, b) => scores[b]! - scores[a]! || (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
    const expected = new Array<number | null>(n).fill(null);
    order.forEach((i, r) => (expected[i] = r + 1));
    expect(ranksOf(ids, scores)).toEqual(expected);
  });
});
