// /api/gaps.csv and /api/reports/sla.csv in the reader's language: ru/kk files have no English left
// (headers, kinds, gap classes, technologies, place types, yes/no), `;` files use decimal commas, and
// `codes` keeps the stable column codes and raw values for scripts.
import { describe, expect, it } from 'vitest';
import { gapsCsv } from '../../server/src/planning/gaps-csv.ts';
import type { GapItem } from '../../server/src/planning/gaps-query.ts';
import { SLA_CSV_LABELS, slaCsv } from '../../server/src/monitoring/sla-csv.ts';
import { SITE_CSV_HEADER } from '../../server/src/monitoring/reports.ts';

const gap: GapItem = {
  facilityId: 'f-1', name: 'Школа №1', nameRu: 'Школа №1', nameKk: '№1 мектеп', nameEn: null, kind: 'school', subkind: null,
  settlementId: 'set-1', settlementName: 'Аксу', admin1Id: 'KZ11', admin2Id: 'KZ11-01', gapClass: 'lit_village',
  technology: 'village_radio', capexUsd: 1234.5, opexUsdPerYear: 100, tcoUsd: 2345.25, tcoKzt: 1_172_625, beneficiaries: 210,
  score: 0.5, rank: 1, lon: 71.25, lat: 51.5, provenance: 'osm', measuredState: null, measuredFlag: 'idle',
  settlementType: 'rural', inScope: true, underserved: false, standaloneTcoUsd: 3000, shareGroup: 'set-1',
};

/** Latin words left, less identifiers and units that are Latin in every language. */
function english(text: string, ids: readonly string[]): string[] {
  const allowed = new Set(['USD', 'SLA', 'UTC', 'T00', 'Z', ...ids]);
  return [...new Set(text.match(/[A-Za-z][A-Za-z0-9_-]*/g) ?? [])].filter((w) => !allowed.has(w));
}

describe('gaps CSV', () => {
  it('Russian: translated headers and values, nothing English but identifiers', () => {
    const csv = gapsCsv([gap], { lang: 'ru', sep: ',' });
    const [header, row] = csv.slice(1).split('\r\n');
    expect(header!.startsWith('Место в рейтинге,Код объекта,Название,')).toBe(true);
    expect(row).toContain(',школа,');
    expect(row).toContain(',ВОЛС в селе,сельская радиосеть,1234.5,');
    expect(row).toContain(',канал простаивает,сельский,да,нет,3000,set-1');
    expect(english(csv, ['f-1', 'set-1', 'KZ11', 'KZ11-01', 'osm'])).toEqual([]);
  });

  it('Kazakh with ";": Kazakh words and decimal commas', () => {
    const csv = gapsCsv([gap], { lang: 'kk', sep: ';' });
    const [header, row] = csv.slice(1).split('\r\n');
    expect(header!.startsWith('Рейтингтегі орны;Нысан коды;')).toBe(true);
    expect(row).toContain(';мектеп;');
    expect(row).toContain(';1234,5;2345,25;');
    expect(row).toContain(';71,25;51,5;');
    expect(english(csv, ['f-1', 'set-1', 'KZ11', 'KZ11-01', 'osm'])).toEqual([]);
  });

  it('codes: stable column codes and raw values', () => {
    const [header, row] = gapsCsv([gap], { codes: true }).slice(1).split('\r\n');
    expect(header!.startsWith('rank,facility_id,name,name_ru')).toBe(true);
    expect(header!.endsWith(',settlement_type,in_scope,underserved,standalone_tco_usd,share_group')).toBe(true);
    expect(row).toContain(',school,');
    expect(row).toContain(',lit_village,village_radio,');
    expect(row!.endsWith(',idle,rural,true,false,3000,set-1')).toBe(true);
  });
});

describe('SLA CSV', () => {
  const row = ['s-1', 'Школа Аксу', 'f-1', 'Казахтелеком', 'C-1', 99.5, '24h', '2026-11-29T00:00:00.000Z', '2026-11-30T00:00:00.000Z',
    99.25, 100, true, 648, 0, 0, 1, 648, 98.5, 100];

  it('Russian and Kazakh: every column named, yes/no translated, `;` with decimal commas', () => {
    const ru = slaCsv([row], { lang: 'ru', sep: ',' }).slice(1).split('\r\n');
    for (const c of SITE_CSV_HEADER) expect(ru[0]).toContain(SLA_CSV_LABELS[c].ru);
    expect(ru[1]).toContain(',24 ч,2026-11-29T00:00:00.000Z,');
    expect(ru[1]).toContain(',99.25,100,да,648,');
    const kk = slaCsv([row], { lang: 'kk', sep: ';' });
    expect(kk.split('\r\n')[1]).toContain(';99,25;100;иә;648;');
    expect(english(ru.join('\n'), ['s-1', 'f-1', 'C-1'])).toEqual([]);
    expect(english(kk, ['s-1', 'f-1', 'C-1'])).toEqual([]);
  });

  it('codes: the column codes for scripts', () => {
    expect(slaCsv([row], { codes: true }).slice(1).split('\r\n')[0]).toBe(SITE_CSV_HEADER.join(','));
  });
});
