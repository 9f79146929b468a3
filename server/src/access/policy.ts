// Who may call what: method + route pattern → allowed subjects, as data. Default deny: a request
// that matches no rule is refused (403), so a new endpoint stays closed until it is listed here.
// The first matching rule wins; keep specific paths above their wildcards.
import type { Subject } from './roles.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Rule = {
  methods: readonly Method[];
  /** Express-style: literal segments, `:param` for one segment, a trailing `/*` for any rest. */
  path: string;
  /** 'public' lets anyone in, signed in or not. */
  allow: 'public' | readonly Subject[];
  /**
   * Required on every rule open to partners or site staff, so each is a decision: true means the
   * handler returns region/site data and must narrow it with scopeFor(req); false means the data
   * is not regional (own account, basemap, model parameters).
   */
  scoped?: boolean;
  /**
   * The path parameter holding a monitored site id: the gate itself refuses (404) site staff
   * asking for a site that is not theirs, whatever the handler does.
   */
  siteParam?: string;
  /** Extra rate limit: failed sign-ins, 'heavy' recomputes and imports, 'export' downloads. */
  limit?: 'login' | 'heavy' | 'export';
  /** Anonymous callers get only these top-level response fields (e.g. a minimal health check). */
  anonymousFields?: readonly string[];
  /**
   * Audit action the gate records for every successful POST/PUT/PATCH/DELETE on this rule
   * (default 'api.change'), so each change is in the audit log even if its module forgets;
   * false where the route writes its own, richer entry.
   */
  audit?: string | false;
};

const STAFF = ['admin', 'planner'] as const;
const READERS = ['admin', 'planner', 'partner'] as const; // plans and the PPP view
const EVERYONE = ['admin', 'planner', 'partner', 'site'] as const; // any signed-in person
const R: readonly Method[] = ['GET'];
const W: readonly Method[] = ['POST', 'PUT', 'PATCH', 'DELETE'];
const SITE = { allow: EVERYONE, scoped: true, siteParam: ':id' } as const;

export const POLICY: readonly Rule[] = [
  // Public
  { methods: R, path: '/api/health', allow: 'public', anonymousFields: ['status'] },
  { methods: R, path: '/api/share/:token', allow: 'public' },
  { methods: ['POST'], path: '/api/auth/login', allow: 'public', limit: 'login', audit: false },
  { methods: ['POST'], path: '/api/auth/logout', allow: 'public', audit: false },

  // Own account and API tokens
  { methods: R, path: '/api/auth/me', allow: EVERYONE, scoped: false },
  { methods: ['POST'], path: '/api/auth/password', allow: EVERYONE, scoped: false, audit: false },
  { methods: ['GET', 'POST'], path: '/api/tokens', allow: EVERYONE, scoped: false, audit: false },
  { methods: ['DELETE'], path: '/api/tokens/:id', allow: EVERYONE, scoped: false, audit: false },

  // Administration
  { methods: ['GET', 'POST'], path: '/api/users', allow: ['admin'], audit: false },
  { methods: ['GET', 'PATCH', 'DELETE'], path: '/api/users/:id', allow: ['admin'], audit: false },
  { methods: R, path: '/api/audit', allow: ['admin'] },
  { methods: [...R, ...W], path: '/api/settings', allow: ['admin'], audit: 'settings.change' },
  { methods: [...R, ...W], path: '/api/settings/*', allow: ['admin'], audit: 'settings.change' },
  { methods: R, path: '/metrics', allow: ['admin', 'metrics'] },

  // Layers and tiles every signed-in person's map needs: basemap data alike for all; the facilities
  // layer (and its plan results) narrowed to the caller's regions or sites (access/facility-scope.sql).
  { methods: R, path: '/api/layers', allow: EVERYONE, scoped: false },
  { methods: R, path: '/api/layers/:layer', allow: EVERYONE, scoped: true },
  { methods: R, path: '/tiles/*', allow: EVERYONE, scoped: true },

  // Planning
  { methods: ['POST'], path: '/api/plan/recompute', allow: STAFF, limit: 'heavy', audit: 'plan.recompute' },
  // Heavy work's jobs (recompute, scenario runs, site imports): the starter's own, or any for admins.
  { methods: R, path: '/api/jobs/:id', allow: STAFF },
  { methods: R, path: '/api/plan/parameters', allow: READERS, scoped: false },
  { methods: R, path: '/api/plan/sensitivity', allow: READERS, scoped: true, limit: 'heavy' },
  { methods: W, path: '/api/plan/parameters', allow: STAFF, audit: 'plan.parameters.change' },
  { methods: R, path: '/api/gaps.csv', allow: READERS, scoped: true, limit: 'export' },
  { methods: R, path: '/api/gaps.geojson', allow: READERS, scoped: true, limit: 'export' },
  { methods: R, path: '/api/gaps', allow: READERS, scoped: true },
  { methods: R, path: '/api/gaps/:facilityId', allow: READERS, scoped: true },
  { methods: R, path: '/api/regions', allow: READERS, scoped: true },
  { methods: R, path: '/api/trenches', allow: READERS, scoped: true },
  { methods: R, path: '/ogc', allow: READERS, scoped: true },
  { methods: R, path: '/ogc/*', allow: READERS, scoped: true },

  // Scenarios and the PPP view (portfolio)
  { methods: ['POST'], path: '/api/scenarios/:name/run', allow: STAFF, limit: 'heavy', audit: 'scenario.run' },
  { methods: R, path: '/api/scenarios/:name/report.csv', allow: READERS, scoped: true, limit: 'export' },
  { methods: R, path: '/api/scenarios/:name/report.geojson', allow: READERS, scoped: true, limit: 'export' },
  { methods: R, path: '/api/scenarios/:name/report.html', allow: READERS, scoped: true, limit: 'export' },
  { methods: R, path: '/api/scenarios', allow: READERS, scoped: true },
  { methods: R, path: '/api/scenarios/*', allow: READERS, scoped: true },
  { methods: W, path: '/api/scenarios', allow: STAFF, audit: 'scenario.change' },
  { methods: W, path: '/api/scenarios/*', allow: STAFF, audit: 'scenario.change' },
  { methods: R, path: '/api/ppp.csv', allow: READERS, scoped: true, limit: 'export' },
  { methods: R, path: '/api/ppp.geojson', allow: READERS, scoped: true, limit: 'export' },
  { methods: R, path: '/api/ppp', allow: READERS, scoped: true },
  { methods: R, path: '/api/ppp/*', allow: READERS, scoped: true },
  { methods: W, path: '/api/ppp', allow: STAFF, audit: 'ppp.change' },
  { methods: W, path: '/api/ppp/*', allow: STAFF, audit: 'ppp.change' },

  // Data import
  { methods: [...R, ...W], path: '/api/import', allow: STAFF, limit: 'heavy', audit: 'data.import' },
  { methods: [...R, ...W], path: '/api/import/*', allow: STAFF, limit: 'heavy', audit: 'data.import' },

  // Monitoring: partners see their regions' sites, site staff their own sites
  { methods: R, path: '/api/sites', allow: EVERYONE, scoped: true },
  { methods: R, path: '/api/sites/events', allow: EVERYONE, scoped: true },
  { methods: R, path: '/api/sites/:id', ...SITE },
  { methods: R, path: '/api/sites/:id/availability', ...SITE },
  { methods: R, path: '/api/sites/:id/outages', ...SITE },
  { methods: R, path: '/api/sites/:id/traffic', ...SITE },
  // SLA and site reports are not narrowed by region in their handlers: staff only.
  { methods: R, path: '/api/reports', allow: STAFF },
  { methods: R, path: '/api/reports/*', allow: STAFF, limit: 'export' },
  // Sites carry SNMP credentials: only administrators add, change, import or remove them,
  // renew share links and manage maintenance windows.
  { methods: ['POST'], path: '/api/sites/import', allow: ['admin'], limit: 'heavy', audit: 'site.import' },
  { methods: W, path: '/api/sites', allow: ['admin'], audit: 'site.change' },
  { methods: W, path: '/api/sites/*', allow: ['admin'], audit: 'site.change' },
];

export type CompiledRule = Rule & { regex: RegExp };

export function compilePattern(path: string): RegExp {
  const wildcard = path.endsWith('/*');
  const body = (wildcard ? path.slice(0, -2) : path)
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  // Case-insensitive and tolerant of one trailing slash, as Express routes are by default.
  return new RegExp(`^${body}${wildcard ? '/.+' : ''}/?$`, 'i');
}

export function compilePolicy(rules: readonly Rule[] = POLICY): CompiledRule[] {
  return rules.map((r) => ({ ...r, regex: compilePattern(r.path) }));
}

const COMPILED = compilePolicy();

/** The first rule for this method and path, or undefined (→ deny). HEAD is treated as GET. */
export function findRule(method: string, path: string, rules: readonly CompiledRule[] = COMPILED): CompiledRule | undefined {
  const m = (method === 'HEAD' ? 'GET' : method) as Method;
  return rules.find((r) => r.methods.includes(m) && r.regex.test(path));
}

export function allows(rule: Rule, subject: Subject): boolean {
  return rule.allow === 'public' || rule.allow.includes(subject);
}

/** The paths this module guards; everything else (the web app's static files) is not its business. */
export function isGuardedPath(path: string): boolean {
  return /^\/(api|ogc|tiles|metrics)(\/|$)/i.test(path);
}
