import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../server/src/portfolio/compare.ts';
import { scopeRun } from '../../server/src/portfolio/scope.ts';
import { scenarioCsv, scenarioGeoJson } from '../../server/src/portfolio/export.ts';
import { curveSvg, escapeHtml, renderReportHtml, thin } from '../../server/src/portfolio/report-html.ts';
import type { ScenarioResult, ScenarioRun } from '../../server/src/portfolio/result.ts';

const site = (facilityId: string, kind: string, admin1Id: string, costKzt: number, beneficiaries: number) => ({
  facilityId, name: `<b>${facilityId}</b>`, kind, settlementId: 'v', admin1Id, admin2Id: null, technology: 'fibre', clusterId: null,
  costKzt, beneficiaries, score: beneficiaries / (costKzt / 1e6), lon: 70, lat: 50, p10: costKzt * 0.9, p50: costKzt, p90: costKzt * 1.3,
});

function run(scenario: string, sites: ReturnType<typeof site>[], budgetKzt: number): ScenarioRun {
  const byKind: ScenarioResult['byKind'] = {};
  const byRegion: ScenarioResult['byRegion'] = {};
  for (const s of sites) {
    for (const [into, key] of [[byKind, s.kind], [byRegion, s.admin1Id]] as const) {
      const b = (into[key] ??= { facilities: 0, beneficiaries: 0, costKzt: 0 });
      b.facilities++; b.beneficiaries += s.beneficiaries; b.costKzt += s.costKzt;
    }
  }
  const total = sites.reduce((a, s) => a + s.costKzt, 0);
  return {
    id: 1, scenario, overrides: { seed: 1 }, params: { seed: 1 }, paramsHash: 'abc', dataVersion: { facilities: 3 }, ranAt: '2026-11-25T09:00:00.000Z',
    result: {
      budgetKzt, chosen: sites.map((s) => s.facilityId), totalCostKzt: total, p10: total * 0.9, p50: total, p90: total * 1.3,
      beneficiaries: sites.reduce((a, s) => a + s.beneficiaries, 0), weightedBeneficiaries: 0, byKind, byRegion, byDistrict: {},
      curve: [{ costKzt: 0, beneficiaries: 0 }, { costKzt: total, beneficiaries: sites.reduce((x, s) => x + s.beneficiaries, 0) }], connectAllKzt: total, candidates: sites.length,
      monteCarlo: { seed: 1, draws: 10, distribution: 'triangular' }, pathMethod: 'geodesic × 1.2', sites, trenches: [],
    },
  };
}

const a = run('base', [site('s1', 'school', 'KZ10', 2e6, 100), site('h1', 'health', 'KZ11', 1e6, 50)], 5e6);
const b = run('lean', [site('s1', 'school', 'KZ10', 2e6, 100), site('l1', 'library', 'KZ10', 0.5e6, 30)], 3e6);

describe('scenario comparison', () => {
  it('differences per region and kind against the baseline, and sites in and out', () => {
    const c = compareRuns([a, b]);
    // KZ10: base 1 site 2.0 M → lean 2 sites 2.5 M; KZ11: base 1 site → lean none.
    expect(c.byRegion).toEqual([
      { key: 'KZ10', values: [{ facilities: 1, beneficiaries: 100, costKzt: 2e6 }, { facilities: 2, beneficiaries: 130, costKzt: 2.5e6 }], diff: [{ facilities: 1, beneficiaries: 30, costKzt: 0.5e6 }] },
      { key: 'KZ11', values: [{ facilities: 1, beneficiaries: 50, costKzt: 1e6 }, { facilities: 0, beneficiaries: 0, costKzt: 0 }], diff: [{ facilities: -1, beneficiaries: -50, costKzt: -1e6 }] },
    ]);
    expect(c.byKind.map((r) => r.key)).toEqual(['health', 'library', 'school']);
    expect(c.sites).toEqual([{ name: 'lean', entered: ['l1'], left: ['h1'] }]);
  });
});

describe('HTML report', () => {
  it('prints labels in the asked language, escapes names and embeds its chart', () => {
    const ru = renderReportHtml(a, 'ru', { KZ10: 'Акмолинская область' });
    expect(ru).toContain('<html lang="ru">');
    expect(ru).toContain('Отчёт по сценарию: base');
    expect(ru).toContain('Акмолинская область');
    expect(ru).toContain('KZ11'); // no name known: the id
    expect(ru).toContain('Школы');
    expect(ru).toMatch(/<td class="n">2\s000\s000<\/td>/); // ru-RU groups with a (narrow) no-break space
    expect(renderReportHtml(a, 'en')).toContain('Cost–beneficiaries curve');
    expect(renderReportHtml(a, 'kk')).toContain('Пайда алушылар');
    expect(ru).not.toMatch(/<script|<link|<img|src=|url\(/i);
    expect(escapeHtml(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
  });

  it('draws the curve as steps and marks the budget and the chosen portfolio', () => {
    const svg = curveSvg(a, 'en');
    // x = 70 + 550 × cost / 5e6 (the 5 M budget is the widest); y = 270 − 250 × beneficiaries / 150
    // (0, 0) → (70, 270); (3 M, 150) → (400, 20): a horizontal run to 3 M, then up.
    expect(svg).toContain('d="M70.0,270.0H400.0V20.0"');
    expect(svg).toContain('x1="620.0" x2="620.0"'); // the budget line at 5 M
    expect(svg).toContain('<circle cx="400.0" cy="20.0"'); // the chosen portfolio
  });

  it('thins a long curve to its ends and evenly spaced points', () => {
    expect(thin([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3)).toEqual([0, 5, 10]);
    expect(thin([1, 2], 5)).toEqual([1, 2]);
  });
});

describe('scenario CSV and GeoJSON', () => {
  it('one row per site, formulas neutralised; one feature per site', () => {
    const evil = run('x', [{ ...site('=cmd', 'school', 'KZ10', 1e6, 1) }], 1e6);
    const csv = scenarioCsv(evil, { lang: 'en' });
    expect(csv.split('\r\n')[1]!.startsWith(`1,"'=cmd",<b>=cmd</b>,school`)).toBe(true);
    const gj = scenarioGeoJson(a) as { features: { geometry: { coordinates: number[] } }[] };
    expect(gj.features).toHaveLength(2);
    expect(gj.features[0]!.geometry.coordinates).toEqual([70, 50]);
  });
});

describe('a run narrowed to a partner\'s regions', () => {
  it('keeps only their sites and re-sums the totals', () => {
    const s = scopeRun(a, ['KZ11']);
    expect(s.result.chosen).toEqual(['h1']);
    expect(s.result.totalCostKzt).toBe(1e6);
    expect(s.result.beneficiaries).toBe(50);
    expect([s.result.p10, s.result.p50, s.result.p90]).toEqual([0.9e6, 1e6, 1.3e6]);
    expect(Object.keys(s.result.byRegion)).toEqual(['KZ11']);
    expect(s.result.byKind).toEqual({ health: { facilities: 1, beneficiaries: 50, costKzt: 1e6 } });
    expect(s.result.scope?.regions).toEqual(['KZ11']);
    expect(scopeRun(a, undefined)).toBe(a);
    expect(scopeRun(a, []).result.sites).toEqual([]);
  });
});
