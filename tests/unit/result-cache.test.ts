// The one mechanism behind the kept reads (server/src/http/result-cache.ts): entries per version and
// key, the oldest dropped past the bound, everything dropped when the version moves; KeptBodies adds
// one computation shared by the callers that miss a key together. The HTTP side of each user is in
// tests/http/read-cache.test.ts (roll-ups, layer index, OGC pages) and tests/http/planning-api.test.ts
// (the ranked list).
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { statementSignal, withStatementSignal } from '../../server/src/db/statement-scope.ts';
import { etagOf, KeptBodies, ResultCache } from '../../server/src/http/result-cache.ts';

describe('ResultCache', () => {
  it('keeps the most recently used entries of the current version, up to its bound', () => {
    const c = new ResultCache<number>(2);
    c.set('v1', 'a', 1);
    c.set('v1', 'b', 2);
    expect(c.get('v1', 'a')).toBe(1); // a is now the most recent: b goes first
    c.set('v1', 'c', 3);
    expect([c.get('v1', 'a'), c.get('v1', 'b'), c.get('v1', 'c')]).toEqual([1, undefined, 3]);
  });

  it('answers nothing for another version, and drops every entry once a newer one is set', () => {
    const c = new ResultCache<number>(10);
    c.set('v1', 'a', 1);
    expect(c.get('v2', 'a')).toBeUndefined();
    c.set('v2', 'b', 2);
    expect(c.get('v1', 'a')).toBeUndefined();
    expect(c.get('v2', 'b')).toBe(2);
  });
});

describe('KeptBodies', () => {
  it('computes a key once per version; callers arriving together share the computation', async () => {
    const kept = new KeptBodies(4);
    let runs = 0;
    const make = async () => ({ run: ++runs });
    const [a, b] = await Promise.all([kept.get('v1', 'k', make), kept.get('v1', 'k', make)]);
    expect(a).toBe(b);
    expect(await kept.get('v1', 'k', make)).toBe(a);
    expect(runs).toBe(1);
    expect(JSON.parse(a.json.toString())).toEqual({ run: 1 });
    expect(JSON.parse(gunzipSync(a.gzip).toString())).toEqual({ run: 1 });
    expect(a.etag).toBe(etagOf('v1', 'k'));

    const moved = await kept.get('v2', 'k', make);
    expect(JSON.parse(moved.json.toString())).toEqual({ run: 2 });
    expect(moved.etag).not.toBe(a.etag);
  });

  it('keeps no failure: the next caller computes again', async () => {
    const kept = new KeptBodies(4);
    await expect(kept.get('v1', 'k', async () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    expect(JSON.parse((await kept.get('v1', 'k', async () => 'ok')).json.toString())).toBe('ok');
  });

  it('runs the shared computation outside the first caller\'s request, so its leaving cancels nothing', async () => {
    const kept = new KeptBodies(4);
    const c = new AbortController();
    let seen: AbortSignal | undefined = c.signal;
    await withStatementSignal(c.signal, () => kept.get('v1', 'k', async () => (seen = statementSignal(), 1)));
    expect(seen).toBeUndefined();
  });
});
