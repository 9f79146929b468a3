// Fetch wrappers for the Baylanys API. Same origin only; a 404 on a whole feature becomes
// NotAvailable so a view can say "not available on this server" instead of failing.
import type { GapDetail, GapList, LayerInfo, Outage, Scenario, ScenarioRun, ShareView, Site } from './types.ts';

export class NotAvailable extends Error {
  constructor(readonly path: string) {
    super(`${path} is not available on this server`);
    this.name = 'NotAvailable';
  }
}

export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ApiFailure';
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, { ...init, headers: { accept: 'application/json', ...(init?.headers ?? {}) } });
  if (res.status === 404) {
    // A route that does not exist at all answers no_route; a missing row is a real 404 to show.
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    if (!body?.error || /no route/.test(body.error.message ?? '')) throw new NotAvailable(path);
    throw new ApiFailure(404, body.error.code ?? 'not_found', body.error.message ?? 'not found');
  }
  if (res.status === 403) {
    // The access gate refuses paths its policy does not list: on this server the feature does not exist.
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    if (/not listed in the access policy/.test(body?.error?.message ?? '')) throw new NotAvailable(path);
    throw new ApiFailure(403, body?.error?.code ?? 'forbidden', body?.error?.message ?? 'forbidden');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiFailure(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `HTTP ${res.status}`);
  }
  return (await res.json()) as T;
}

export type GapQuery = {
  region?: string; kind?: string; gapClass?: string; technology?: string; q?: string;
  sort?: string; order?: 'asc' | 'desc'; limit?: number; offset?: number;
};

function qs(params: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const api = {
  layers: () => request<{ layers: LayerInfo[] }>('/api/layers'),
  gaps: (q: GapQuery) => request<GapList>(`/api/gaps${qs(q)}`),
  gap: (id: string) => request<GapDetail>(`/api/gaps/${encodeURIComponent(id)}`),
  regions: () => request<{ items?: Array<Record<string, unknown>>; regions?: Array<Record<string, unknown>> }>('/api/regions?level=admin1'),
  admin1: () => request<{ features: Array<{ id: string; properties: { name_ru?: string; name_kk?: string; name_en?: string } }> }>('/api/layers/admin1?limit=100'),
  sites: () => request<{ items: Site[] }>('/api/sites'),
  siteAvailability: (id: string, window: '24h' | '7d' | '30d' | 'month') =>
    request<Record<string, unknown>>(`/api/sites/${encodeURIComponent(id)}/availability${qs({ window })}`),
  siteOutages: (id: string) => request<{ items?: Outage[] } | Outage[]>(`/api/sites/${encodeURIComponent(id)}/outages`),
  siteTraffic: (id: string) => request<Record<string, unknown>>(`/api/sites/${encodeURIComponent(id)}/traffic`),
  /** The settlement's shared trench (GeoJSON Feature), or null when no facility there takes fibre. */
  trench: async (settlementId: string): Promise<GeoJSON.Feature | null> => {
    try {
      return await request<GeoJSON.Feature>(`/api/trenches${qs({ settlement: settlementId })}`);
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 404) return null;
      throw e;
    }
  },
  share: (token: string) => request<ShareView>(`/api/share/${encodeURIComponent(token)}`),
  scenarios: () => request<{ items?: Scenario[]; scenarios?: Scenario[] } | Scenario[]>('/api/scenarios'),
  runScenario: (name: string, budgetKzt: number) =>
    request<ScenarioRun>(`/api/scenarios/${encodeURIComponent(name)}/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ budgetKzt }),
    }),
};

/** Lists come back either bare or wrapped in { items } depending on the endpoint's age. */
export function itemsOf<T>(body: { items?: T[] } | T[] | Record<string, unknown>, key = 'items'): T[] {
  if (Array.isArray(body)) return body;
  const v = (body as Record<string, unknown>)[key] ?? (body as Record<string, unknown>).items;
  return Array.isArray(v) ? (v as T[]) : [];
}
