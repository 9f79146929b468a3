import { describe, expect, it } from 'vitest';
import { allows, compilePattern, findRule, isGuardedPath, POLICY } from '../../server/src/access/policy.ts';
import { decide } from '../../server/src/http/access-gate.ts';
import { inScope } from '../../server/src/access/scope.ts';
import { checkTokenScope } from '../../server/src/access/tokens.ts';

describe('route patterns', () => {
  it.each([
    ['/api/gaps/:facilityId', '/api/gaps/KZ-1', true],
    ['/api/gaps/:facilityId', '/api/gaps/KZ-1/', true],
    ['/api/gaps/:facilityId', '/api/gaps/KZ-1/more', false],
    ['/api/gaps/:facilityId', '/api/gaps', false],
    ['/api/gaps.csv', '/api/gaps.csv', true],
    ['/api/gaps.csv', '/api/gapsXcsv', false], // the dot is literal
    ['/ogc/*', '/ogc/collections/gaps/items', true],
    ['/ogc/*', '/ogc', false],
    ['/ogc/*', '/ogcx/collections', false],
    ['/api/users', '/API/Users', true], // Express routes ignore case, so must the policy
  ])('%s vs %s → %s', (pattern, path, expected) => {
    expect(compilePattern(pattern).test(path)).toBe(expected);
  });
});

describe('the policy table', () => {
  it('denies by default: an unlisted endpoint matches no rule', () => {
    expect(findRule('GET', '/api/secret-new-thing')).toBeUndefined();
    expect(findRule('DELETE', '/api/health')).toBeUndefined();
    expect(decide(undefined, { kind: 'anonymous' }, 'GET', '/api/x')?.status).toBe(403);
  });

  it('treats HEAD as GET', () => {
    expect(findRule('HEAD', '/api/health')?.path).toBe('/api/health');
  });

  it('lets anonymous callers reach only the public endpoints', () => {
    const anonymous = POLICY.filter((r) => allows(r, 'anonymous')).map((r) => r.path).sort();
    expect(anonymous).toEqual(['/api/auth/login', '/api/auth/logout', '/api/health', '/api/share/:token']);
  });

  it('gives a metrics token /metrics and nothing else that is not public', () => {
    const metrics = POLICY.filter((r) => r.allow !== 'public' && allows(r, 'metrics')).map((r) => r.path);
    expect(metrics).toEqual(['/metrics']);
  });

  it('keeps users, audit and settings for administrators only', () => {
    for (const path of ['/api/users', '/api/users/7', '/api/audit', '/api/settings']) {
      const rule = findRule('GET', path)!;
      expect(rule.allow, path).toEqual(['admin']);
    }
  });

  it('makes a scope decision on every rule open to partners or site staff', () => {
    for (const r of POLICY) {
      if (r.allow === 'public') continue;
      if (r.allow.includes('partner') || r.allow.includes('site')) expect(typeof r.scoped, `${r.methods} ${r.path}`).toBe('boolean');
    }
  });

  it('names a site parameter that exists in the path', () => {
    for (const r of POLICY.filter((x) => x.siteParam)) expect(r.path.split('/'), r.path).toContain(r.siteParam);
  });

  it('says 401 to anonymous and 403 to a signed-in caller without the role', () => {
    const rule = findRule('GET', '/api/audit');
    expect(decide(rule, { kind: 'anonymous' }, 'GET', '/api/audit')?.status).toBe(401);
    const planner = { kind: 'session' as const, userId: 1, email: 'p', role: 'planner' as const, regions: [], siteIds: [] };
    expect(decide(rule, planner, 'GET', '/api/audit')?.status).toBe(403);
    expect(decide(rule, { ...planner, role: 'admin' }, 'GET', '/api/audit')).toBeUndefined();
  });

  it('guards the API, OGC, tiles and metrics paths, and not the web app', () => {
    expect(['/api', '/api/x', '/ogc/collections', '/tiles/1/2/3.pbf', '/metrics', '/API/users'].every(isGuardedPath)).toBe(true);
    expect(['/', '/index.html', '/assets/app.js', '/apix'].some(isGuardedPath)).toBe(false);
  });
});

describe('scope', () => {
  it('partners see rows of their regions only; planners see all', () => {
    expect(inScope({ regions: ['KZ15'] }, { admin1Id: 'KZ15' })).toBe(true);
    expect(inScope({ regions: ['KZ15'] }, { admin1Id: 'KZ19' })).toBe(false);
    expect(inScope({ regions: ['KZ15'] }, { admin1Id: null })).toBe(false);
    expect(inScope({}, { admin1Id: 'KZ19' })).toBe(true);
  });

  it('site staff see their own sites only', () => {
    expect(inScope({ siteIds: ['7'] }, { siteId: 7 })).toBe(true);
    expect(inScope({ siteIds: ['7'] }, { siteId: 8 })).toBe(false);
  });
});

describe('token scope', () => {
  const partner = { id: 1, role: 'partner' as const, regions: ['KZ15', 'KZ19'], siteIds: [] };
  it('a partner token defaults to the owner regions and may narrow them', () => {
    expect(checkTokenScope(partner, { name: 't', role: 'partner', days: 1 }).regions).toEqual(['KZ15', 'KZ19']);
    expect(checkTokenScope(partner, { name: 't', role: 'partner', regions: ['KZ19'], days: 1 }).regions).toEqual(['KZ19']);
  });
  it('refuses widening: other regions or a higher role', () => {
    expect(() => checkTokenScope(partner, { name: 't', role: 'partner', regions: ['KZ11'], days: 1 })).toThrow(/outside your own: KZ11/);
    expect(() => checkTokenScope(partner, { name: 't', role: 'planner', days: 1 })).toThrow(/only create partner tokens/);
    expect(() => checkTokenScope(partner, { name: 't', role: 'metrics', days: 1 })).toThrow();
  });
  it('an admin may mint a metrics token; a scoped role needs a scope', () => {
    const admin = { id: 2, role: 'admin' as const, regions: [], siteIds: [] };
    expect(checkTokenScope(admin, { name: 'prom', role: 'metrics', days: 30 })).toEqual({ regions: [], siteIds: [] });
    expect(() => checkTokenScope(admin, { name: 't', role: 'partner', days: 1 })).toThrow(/at least one region/);
  });
});
