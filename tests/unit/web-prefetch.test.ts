// The app's first GETs start while its code loads and are answered once from that early request:
// the list then waits for neither the map library nor a second round trip.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, forgetPrefetch, prefetch } from '../../web/src/api/client.ts';

afterEach(() => vi.unstubAllGlobals());

describe('prefetch', () => {
  it('serves the first matching GET from the early request, then asks the server again', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      calls.push(url);
      return new Response(JSON.stringify({ total: 1, items: [{ n: calls.length }] }), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    prefetch(['/api/gaps?limit=50&offset=0']);
    expect(calls).toEqual(['/api/gaps?limit=50&offset=0']);
    const first = await api.gaps({ limit: 50, offset: 0 });
    expect(calls).toHaveLength(1);
    expect(first.items[0]).toEqual({ n: 1 });
    const second = await api.gaps({ limit: 50, offset: 0 });
    expect(calls).toHaveLength(2);
    expect(second.items[0]).toEqual({ n: 2 });
  });

  it('hands a failed early request to its reader as the usual translated failure', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ error: { code: 'forbidden', message: 'the site role may not GET /api/gaps' } }), { status: 403 }));
    prefetch(['/api/gaps?limit=50&offset=0']);
    await expect(api.gaps({ limit: 50, offset: 0 })).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });
});

describe('forgetPrefetch', () => {
  it('drops early answers nobody will read, so the next GET asks the server afresh', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      calls.push(url);
      // The early request went out before the session was known to be gone.
      return calls.length === 1
        ? new Response(JSON.stringify({ error: { code: 'authentication_required', message: 'sign in' } }), { status: 401 })
        : new Response(JSON.stringify({ total: 0, items: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    prefetch(['/api/gaps?limit=50&offset=0']);
    forgetPrefetch();
    await expect(api.gaps({ limit: 50, offset: 0 })).resolves.toMatchObject({ total: 0 });
    expect(calls).toHaveLength(2);
  });
});
