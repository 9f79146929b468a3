// The one string hash (server/src/fnv1a.ts): shards, poll phases and the illustrative data's seeded
// streams all use it. Before issue 16 the agent's schedule hashed UTF-16 code units while the shard
// hashed UTF-8 bytes, so the two disagreed on any id with a Cyrillic or Kazakh letter.
import { describe, expect, it } from 'vitest';
import { fnv1a32 } from '../../server/src/fnv1a.ts';

describe('fnv1a32', () => {
  const vectors: Array<[string, number, string]> = [
    ['', 0x811c9dc5, 'published vector: the offset basis'],
    ['a', 0xe40c292c, 'published vector'],
    ['foobar', 0xbf9cf968, 'published vector'],
    // ә is U+04D9, UTF-8 d3 99: two bytes hashed (a UTF-16 hash would give 0x5c050714).
    ['ә', 0xaec447e1, 'Kazakh letter, 2 UTF-8 bytes'],
    ['мектеп-1', 0xd2f0a85b, 'Cyrillic id, 14 UTF-8 bytes (UTF-16 units gave 0x8b742214)'],
  ];
  for (const [text, want, why] of vectors) {
    it(`${JSON.stringify(text)} → 0x${want.toString(16)} (${why})`, () => expect(fnv1a32(text)).toBe(want));
  }
});
