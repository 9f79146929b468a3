// Spreadsheets and the printable report in the reader's language: Russian and Kazakh output has no
// English left in it (headers, kinds, technologies, yes/no, sentences), only identifiers and
// units; `;` files use a decimal comma as Excel in Russian or Kazakh reads it.
import { describe, expect, it } from 'vitest';
import { scenarioCsv } from '../../server/src/portfolio/export.ts';
import { pppCsv } from '../../server/src/portfolio/ppp-export.ts';
import type { PppCase } from '../../server/src/portfolio/ppp.ts';
import { changedParameters, pathMethodText, renderReportHtml } from '../../server/src/portfolio/report-html.ts';
import type { ScenarioRun } from '../../server/src/portfolio/result.ts';

const site = (facilityId: string, kind: string, technology: string, admin1Id: string) => ({
  facilityId, name: `Школа ${facilityId}`, kind, settlementId: 'set-1', admin1Id, admin2Id: 'KZ10-01', technology, clusterId: 'c-1',
  costKzt: 1_234_567.4, beneficiaries: 10.5, score: 0.123456, lon: 71.25, lat: 51.5, p10: 1e6, p50: 1.2e6, p90: 1.5e6,
});

const run: ScenarioRun = {
  id: 7, scenario: 'фонд', paramsHash: 'h4sh', dataVersion: { facilities: 3, fibre_routes: 1 }, ranAt: '2026-11-25T09:00:00.000Z',
  overrides: { planning: { finance: { kztPerUsd: 500, demandGrowth: 0.15 }, scope: 'all' }, distribution: 'uniform', unknownKnob: 3 },
  params: {},
  result: {
    budgetKzt: 5e6, chosen: ['s1', 'h1'], totalCostKzt: 2.5e6, p10: 2e6, p50: 2.4e6, p90: 3e6, beneficiaries: 21, weightedBeneficiaries: 0,
    byKind: { school: { facilities: 1, beneficiaries: 10.5, costKzt: 1.2e6 }, health: { facilities: 1, beneficiaries: 10.5, costKzt: 1.2e6 } },
    byRegion: { KZ10: { facilities: 2, beneficiaries: 21, costKzt: 2.5e6 } }, byDistrict: {},
    curve: [{ costKzt: 0, beneficiaries: 0 }, { costKzt: 2.5e6, beneficiaries: 21 }], connectAllKzt: 9e6, candidates: 2,
    monteCarlo: { seed: 42, draws: 1000, distribution: 'triangular' },
    pathMethod: "access point → facility: the gap engine's drop path (roads where found, else geodesic × 1.3); facility → facility: geodesic × 1.3",
    sites: [site('s1', 'school', 'fibre', 'KZ10'), site('h1', 'health', 'planned_fibre', 'KZ10')], trenches: [],
  },
};

const ppp: PppCase = {
  settlementId: 'set-9', name: 'Аксу', admin1Id: 'KZ10', admin2Id: null, population: 420, fibrePresent: false, band: 0,
  capexKzt: 10_000_000.4, subscribers: 100, revenueKztPerYear: 1_200_000, opexKztPerYear: 300_000, npvKzt: -2_500_000,
  viabilityGapKzt: 2_500_000, viabilityGapPerPersonKzt: 5952.38, lon: 70.5, lat: 50.25,
} as PppCase;

const regions = { KZ10: 'Акмолинская область' };

/** Latin words left in a text, less identifiers, units and names that are Latin in every language. */
function english(text: string, ids: readonly string[]): string[] {
  const allowed = new Set(['P10', 'P50', 'P90', 'TCO', 'UTC', 'LTE', '4G', 'Baylanys', 'OCHA', 'OpenStreetMap', 'Global', 'Map', 'Kazakhstan', ...ids]);
  return [...new Set(text.match(/[A-Za-z][A-Za-z0-9_-]*/g) ?? [])].filter((w) => !allowed.has(w));
}

describe('scenario CSV in the reader\'s language', () => {
  it('Russian: headers, kinds, technologies and the region by name; no English left', () => {
    const csv = scenarioCsv(run, { lang: 'ru', regionNames: regions });
    const [header, first, second] = csv.slice(1).split('\r\n');
    expect(header).toBe('Очерёдность,Код объекта,Название,Тип,Область,Технология,"Стоимость (TCO), ₸","P10, ₸","P50, ₸","P90, ₸",Получатели пользы,Балл приоритета,Общая траншея (код),Код населённого пункта,Код области,Код района,Долгота,Широта');
    expect(first).toBe('1,s1,Школа s1,школа,Акмолинская область,оптический ввод,1234567,1000000,1200000,1500000,10.5,0.1235,c-1,set-1,KZ10,KZ10-01,71.25,51.5');
    expect(second).toContain(',медучреждение,Акмолинская область,"временный канал, затем оптика ГЧП",');
    expect(english(csv, ['s1', 'h1', 'c-1', 'set-1', 'KZ10', 'KZ10-01'])).toEqual([]);
  });

  it('Kazakh with ";": Kazakh words, decimal commas, the BOM', () => {
    const csv = scenarioCsv(run, { lang: 'kk', sep: ';', regionNames: regions });
    expect(csv.startsWith('\uFEFFКезек;Нысан коды;Атауы;Түрі;Облыс;Технология;Құны (TCO), ₸;')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe('1;s1;Школа s1;мектеп;Акмолинская область;оптикалық енгізу;1234567;1000000;1200000;1500000;10,5;0,1235;c-1;set-1;KZ10;KZ10-01;71,25;51,5');
    expect(english(csv, ['s1', 'h1', 'c-1', 'set-1', 'KZ10', 'KZ10-01'])).toEqual([]);
  });

  it('English when asked', () => {
    expect(scenarioCsv(run, { lang: 'en' }).split('\r\n')[1]).toMatch(/^1,s1,Школа s1,school,KZ10,fibre drop,/);
  });
});

describe('PPP CSV in the reader\'s language', () => {
  it('Russian: translated headers, "нет" for no fibre, size bands from 1', () => {
    const csv = pppCsv([ppp], { lang: 'ru', regionNames: regions });
    const [header, row] = csv.slice(1).split('\r\n');
    expect(header!.split(',').slice(0, 5)).toEqual(['Населённый пункт', 'Область', 'Население', 'ВОЛС в селе', 'Размерная группа']);
    expect(row).toBe('Аксу,Акмолинская область,420,нет,1,10000000,100,1200000,300000,-2500000,2500000,5952.38,set-9,KZ10,,70.5,50.25');
    expect(english(csv, ['set-9', 'KZ10'])).toEqual([]);
  });
  it('Kazakh with ";"', () => {
    const csv = pppCsv([ppp], { lang: 'kk', sep: ';', regionNames: regions });
    expect(csv.split('\r\n')[1]).toBe('Аксу;Акмолинская область;420;жоқ;1;10000000;100;1200000;300000;-2500000;2500000;5952,38;set-9;KZ10;;70,5;50,25');
    expect(english(csv, ['set-9', 'KZ10'])).toEqual([]);
  });
});

describe('printable report in the reader\'s language', () => {
  /** The words a reader sees: tags, identifiers in <code> and the scenario name removed. */
  const visible = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<code>[\s\S]*?<\/code>/g, '').replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ');

  for (const lang of ['ru', 'kk'] as const) {
    it(`${lang}: sentences, parameters, distribution and time translated; no English left`, () => {
      const html = renderReportHtml(run, lang, regions);
      expect(english(visible(html), ['unknownKnob'])).toEqual([]);
      expect(html).toContain('unknownKnob: 3'); // a parameter the app does not know keeps its code
    });
  }

  it('names the changed parameters as the editor does', () => {
    expect(changedParameters(run.overrides, 'ru')).toEqual([
      'Курс доллара: 500', 'Рост спроса: 15 %', 'Охват плана: все населённые пункты', 'Форма диапазонов цен: равномерная', 'unknownKnob: 3',
    ]);
  });

  it('says how trench lengths were measured, with the route factor in local digits', () => {
    expect(pathMethodText(run.result.pathMethod, 'ru')).toContain('по прямой × 1,3');
    expect(pathMethodText(run.result.pathMethod, 'kk')).toContain('түзу × 1,3');
    expect(pathMethodText('something new', 'ru')).toBe('something new');
  });

  it('states the run time in Kazakhstan time and the data licences', () => {
    const html = renderReportHtml(run, 'ru', regions);
    expect(html).toContain('25 ноября 2026, 14:00 (время Казахстана, UTC+5)');
    expect(html).toContain('OpenStreetMap');
  });
});
