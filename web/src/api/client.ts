// Fetch wrappers for the Baylanys API. Same origin only; a 404 on a whole feature becomes
// NotAvailable so a view can say "not available on this server" instead of failing.
import type { ApiToken, BreakEven, MaintenanceWindow, SensitivityRange, AuditItem, UserRecord, GapDetail, GapList, LayerInfo, Outage, PppList, RunSummary, Scenario, ScenarioDefaults, ScenarioParams, ScenarioRun, Schedule, ShareView, Site } from './types.ts';

export class NotAvailable extends Error {
  constructor(readonly path: string) {
    super(`${path} is not available on this server`);
    this.name = 'NotAvailable';
  }
}

export type ErrorDetail = { field?: string; message?: string; row?: number };

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Seconds until a refused (429) request may be tried again, when the server says. */
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

type ErrorBody = { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | null;

/** The API's error shape turned into an ApiFailure (status 0: the server could not be reached). */
export async function failureOf(res: Response): Promise<ApiFailure> {
  const body = (await res.json().catch(() => null)) as ErrorBody;
  const header = Number(res.headers.get('retry-after'));
  const fromText = /try again in (\d+)/.exec(body?.error?.message ?? '')?.[1];
  const retry = Number.isFinite(header) && header > 0 ? header : fromText ? Number(fromText) : null;
  return new ApiFailure(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `HTTP ${res.status}`, body?.error?.details ?? [], retry);
}

/** fetch that turns a network failure into ApiFailure(0, 'network') so it gets a translated sentence. */
export async function send(path: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch (e) {
    throw new ApiFailure(0, 'network', e instanceof Error ? e.message : String(e));
  }
}

/** GETs started before the code that reads them has loaded (see prefetch); each is used once. */
const early = new Map<string, Promise<unknown>>();

/**
 * Starts GETs the app will make first (the ranking, the sites) while its code is still loading,
 * so the list does not wait for the map library and then for the server in turn.
 */
export function prefetch(paths: string[]): void {
  for (const p of paths) {
    const pending = request<unknown>(p);
    pending.catch(() => { /* the reader sees the failure when it asks */ });
    early.set(p, pending);
  }
}

/** Drops early GETs nobody will read (the session turned out to be gone, or to be someone else's). */
export function forgetPrefetch(): void {
  early.clear();
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const started = init === undefined ? early.get(path) : undefined;
  if (started) {
    early.delete(path);
    return started as Promise<T>;
  }
  const res = await send(path, { ...init, headers: { accept: 'application/json', ...(init?.headers ?? {}) } });
  if (res.status === 404 || res.status === 403) {
    const f = await failureOf(res);
    // A route that does not exist at all answers no_route; a missing row is a real 404 to show.
    if (res.status === 404 && (f.code === 'http_error' || /no route/.test(f.message))) throw new NotAvailable(path);
    // The access gate refuses paths its policy does not list: on this server the feature does not exist.
    if (res.status === 403 && /not listed in the access policy/.test(f.message)) throw new NotAvailable(path);
    throw f;
  }
  if (!res.ok) throw await failureOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** A job of heavy work on the server (recompute, scenario run, site import): see GET /api/jobs/:id. */
export type JobView = {
  id: string; kind: string; url: string; state: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { stage: string; done: number; total: number } | null;
  result: unknown; error: { status: number; code: string; message: string; details: ErrorDetail[] } | null;
};

/**
 * Starts heavy work (the server answers 202 with a job) and reads the job every second until it has
 * ended: its result, or its error as an ApiFailure. `onJob` sees each state (queued, progress).
 */
async function viaJob<T>(path: string, init: RequestInit, onJob?: (job: JobView) => void): Promise<T> {
  let { job } = await request<{ job: JobView }>(path, init);
  for (;;) {
    onJob?.(job);
    if (job.state === 'succeeded') return job.result as T;
    if (job.state === 'failed') {
      const e = job.error ?? { status: 500, code: 'internal', message: 'the job failed', details: [] };
      throw new ApiFailure(e.status, e.code, e.message, e.details);
    }
    await new Promise((r) => setTimeout(r, 1000));
    ({ job } = await request<{ job: JobView }>(job.url));
  }
}

const json = (method: string, body: unknown): RequestInit => ({
  method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
});

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
  /** The values at which a facility's recommended technology would change (docs/planning-model.md "Sensitivity"). */
  /** How many facilities change technology at each end of every ranged figure (the caller's regions). */
  sensitivity: () => request<{ planned: number; ranges: SensitivityRange[] }>(`/api/plan/sensitivity${qs({ counts: 'true' })}`),
  breakEven: (id: string) => request<{ facility: { facilityId: string; breakEven: BreakEven[] } | null }>(`/api/plan/sensitivity${qs({ facility: id })}`),
  sites: () => request<{ items: Site[] }>('/api/sites'),
  siteOutages: (id: string) => request<{ items?: Outage[] } | Outage[]>(`/api/sites/${encodeURIComponent(id)}/outages`),
  siteAvailability: (id: string, window: '24h' | '7d' | '30d' | 'month') =>
    request<{
      availability: number | null; coverage: number | null; series?: Array<{ day: string; availability: number | null; coverage?: number | null }>;
      /** Over the site's schedule (school hours); null when it has none. `partial`: it covers only from `coveredFrom`. */
      scheduled?: { schedule: Schedule; availability: number | null; coverage: number | null; partial?: boolean; coveredFrom?: string } | null;
    }>(
      `/api/sites/${encodeURIComponent(id)}/availability?window=${window}`),
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
  scenarios: () => request<{ items: Scenario[] }>('/api/scenarios'),
  createScenario: (s: { name: string; description?: string | null; budgetKzt: number; params?: ScenarioParams }) =>
    request<Scenario>('/api/scenarios', json('POST', s)),
  updateScenario: (name: string, s: { description?: string | null; budgetKzt?: number; params?: ScenarioParams }) =>
    request<Scenario>(`/api/scenarios/${encodeURIComponent(name)}`, json('PUT', s)),
  duplicateScenario: (name: string, newName: string) =>
    request<Scenario>(`/api/scenarios/${encodeURIComponent(name)}/duplicate`, json('POST', { name: newName })),
  runScenario: (name: string, budgetKzt: number, onJob?: (job: JobView) => void) =>
    viaJob<ScenarioRun>(`/api/scenarios/${encodeURIComponent(name)}/run`, json('POST', { budgetKzt }), onJob),
  runs: (name: string) => request<{ items: RunSummary[] }>(`/api/scenarios/${encodeURIComponent(name)}/runs`),
  /** One stored run (narrowed to a partner's regions by the server); 'latest' for the newest. */
  run: (name: string, id: number | 'latest') => request<ScenarioRun>(`/api/scenarios/${encodeURIComponent(name)}/runs/${id}`),
  scenarioDefaults: () => request<ScenarioDefaults>('/api/scenarios/_defaults'),
  regions: (level: 'admin1' | 'admin2') =>
    request<{ items: Array<{ regionId: string; nameRu: string | null; nameKk: string | null; nameEn: string | null }> }>(`/api/regions?level=${level}`),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>('/api/auth/password', json('POST', { currentPassword, newPassword })),
  users: () => request<{ total: number; items: UserRecord[] }>('/api/users?limit=500'),
  createUser: (u: { email: string; role: string; displayName: string | null; regions: string[]; siteIds: string[] }) =>
    request<{ user: UserRecord; password?: string }>('/api/users', json('POST', u)),
  updateUser: (id: number, c: { disabled?: boolean; password?: string }) => request<{ user: UserRecord }>(`/api/users/${id}`, json('PATCH', c)),
  renewShareLink: (id: string) => request<{ site: Site }>(`/api/sites/${encodeURIComponent(id)}/share-token`, json('POST', {})),
  importSites: (csv: string) =>
    viaJob<{ imported: number; ids: string[] }>('/api/sites/import', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv }),
  audit: (limit: number) => request<{ total: number; items: AuditItem[] }>(`/api/audit?limit=${limit}`),
  ppp: (q: { region?: string; lang: string; limit?: number; offset?: number }) => request<PppList>(`/api/ppp${qs(q)}`),
  deleteScenario: (name: string) => request<void>(`/api/scenarios/${encodeURIComponent(name)}`, { method: 'DELETE' }),
  tokens: () => request<{ items: ApiToken[] }>('/api/tokens'),
  /** The secret comes back once, in `token`. */
  createToken: (t: { name: string; days: number; role?: string }) => request<ApiToken & { token: string }>('/api/tokens', json('POST', t)),
  revokeToken: (id: number) => request<void>(`/api/tokens/${id}`, { method: 'DELETE' }),
  maintenance: async (siteId: string) =>
    (await request<{ maintenance?: MaintenanceWindow[] }>(`/api/sites/${encodeURIComponent(siteId)}`)).maintenance ?? [],
  addMaintenance: (siteId: string, w: { startsAt: string; endsAt: string; reason?: string }) =>
    request<MaintenanceWindow>(`/api/sites/${encodeURIComponent(siteId)}/maintenance`, json('POST', w)),
  deleteMaintenance: (siteId: string, id: number) =>
    request<void>(`/api/sites/${encodeURIComponent(siteId)}/maintenance/${id}`, { method: 'DELETE' }),
};

/** Where the server's files for a run are (opened as links, so the browser downloads them). */
export const runFiles = (name: string, runId: number, lang: string) => {
  const base = `/api/scenarios/${encodeURIComponent(name)}`;
  const q = `?run=${runId}&lang=${lang}`;
  return { report: `${base}/report.html${q}`, csv: `${base}/report.csv${q}`, geojson: `${base}/report.geojson${q}` };
};

/** Lists come back either bare or wrapped in { items } depending on the endpoint's age. */
export function itemsOf<T>(body: { items?: T[] } | T[] | Record<string, unknown>, key = 'items'): T[] {
  if (Array.isArray(body)) return body;
  const v = (body as Record<string, unknown>)[key] ?? (body as Record<string, unknown>).items;
  return Array.isArray(v) ? (v as T[]) : [];
}
