// The per-site SLA report as a spreadsheet (/api/reports/sla.csv): for a person, headers and yes/no
// in the reader's language and, with `;`, decimal commas for Excel in ru/kk; for a script (`codes`),
// the stable column codes. Pure: the rows come from reports.ts.
import { toCsv, type CsvSeparator, type CsvValue } from '../csv.ts';
import { yesNo } from '../portfolio/export-labels.ts';
import { localNumbers } from '../portfolio/export.ts';
import type { Lang } from '../portfolio/report-labels.ts';
import { SITE_CSV_HEADER } from './reports.ts';

type Code = (typeof SITE_CSV_HEADER)[number];

export const SLA_CSV_LABELS: Record<Code, Record<Lang, string>> = {
  site_id: { ru: 'Код канала', kk: 'Арна коды', en: 'Site ID' },
  site_name: { ru: 'Канал', kk: 'Арна', en: 'Site' },
  facility_id: { ru: 'Код объекта', kk: 'Нысан коды', en: 'Facility ID' },
  operator: { ru: 'Оператор', kk: 'Оператор', en: 'Operator' },
  contract: { ru: 'Договор', kk: 'Шарт', en: 'Contract' },
  sla_target_pct: { ru: 'Целевая доступность по SLA, %', kk: 'SLA бойынша мақсатты қолжетімділік, %', en: 'SLA target, %' },
  window: { ru: 'Период', kk: 'Кезең', en: 'Period' },
  from: { ru: 'Начало (UTC)', kk: 'Басы (UTC)', en: 'From (UTC)' },
  to: { ru: 'Конец (UTC)', kk: 'Соңы (UTC)', en: 'To (UTC)' },
  availability_pct: { ru: 'Доступность 24×7, %', kk: 'Қолжетімділік 24×7, %', en: 'Availability 24×7, %' },
  coverage_pct: { ru: 'Наблюдалось, % периода', kk: 'Бақыланды, кезеңнің %', en: 'Observed, % of period' },
  meets_sla: { ru: 'SLA выполнен', kk: 'SLA орындалды', en: 'Meets SLA' },
  down_s: { ru: 'Простой, с', kk: 'Іркіліс, с', en: 'Down, s' },
  unknown_s: { ru: 'Без данных, с', kk: 'Деректерсіз, с', en: 'No data, s' },
  maintenance_s: { ru: 'Плановые работы, с', kk: 'Жоспарлы жұмыстар, с', en: 'Maintenance, s' },
  outages: { ru: 'Перерывы', kk: 'Үзілістер', en: 'Outages' },
  mttr_s: { ru: 'Среднее время восстановления, с', kk: 'Орташа қалпына келу уақыты, с', en: 'Mean time to restore, s' },
  scheduled_availability_pct: { ru: 'Доступность в учебные часы, %', kk: 'Оқу сағаттарындағы қолжетімділік, %', en: 'Availability in school hours, %' },
  scheduled_coverage_pct: { ru: 'Учебные часы под наблюдением, %', kk: 'Бақыланған оқу сағаттары, %', en: 'School hours observed, %' },
  // Empty unless the school-hours figure covers only part of the period (polls or rollups past retention).
  scheduled_partial_from: { ru: 'Учебные часы учтены только с (UTC)', kk: 'Оқу сағаттары тек осы уақыттан есептелді (UTC)', en: 'School hours counted only from (UTC)' },
};

const MEETS = SITE_CSV_HEADER.indexOf('meets_sla');
const WINDOW = SITE_CSV_HEADER.indexOf('window');
/** A rolling window in words; a month (2026-11) reads the same in every language. */
const WINDOW_WORDS: Record<string, Record<Lang, string>> = {
  '24h': { ru: '24 ч', kk: '24 сағ', en: '24 h' },
  '7d': { ru: '7 дн.', kk: '7 күн', en: '7 days' },
  '30d': { ru: '30 дн.', kk: '30 күн', en: '30 days' },
};

export type SlaCsvOptions = { lang: Lang; sep: CsvSeparator } | { codes: true };

export function slaCsv(rows: readonly (readonly CsvValue[])[], o: SlaCsvOptions): string {
  if ('codes' in o) return toCsv(SITE_CSV_HEADER, rows);
  const shown = rows.map((r) => r.map((v, i) => {
    if (i === MEETS && typeof v === 'boolean') return yesNo(v, o.lang);
    if (i === WINDOW && typeof v === 'string') return WINDOW_WORDS[v]?.[o.lang] ?? v;
    return v;
  }));
  return toCsv(SITE_CSV_HEADER.map((c) => SLA_CSV_LABELS[c][o.lang]), shown.map(localNumbers(o.sep)), o.sep);
}
