// Column headers and values of the scenario and PPP spreadsheets in the reader's language. Facility
// kinds, technologies and option names come from the web app's catalogues (web/src/i18n), so a
// spreadsheet says what the screen says; the column names are here, next to the writers that use them.
import { en } from '../../../web/src/i18n/en.ts';
import { kk } from '../../../web/src/i18n/kk.ts';
import { ru } from '../../../web/src/i18n/ru.ts';
import type { Lang } from './report-labels.ts';

const WEB: Record<Lang, Record<string, string>> = { ru, kk, en };

/** A message of the web app's catalogue, or `fallback` when it has none for this key. */
export function webText(key: string, lang: Lang, fallback: string): string {
  return WEB[lang][key] ?? fallback;
}

export const techName = (id: string | null | undefined, lang: Lang) => webText(`tech.${id ?? 'unknown'}`, lang, id ?? '');
export const kindName = (kind: string | null | undefined, lang: Lang) => webText(`kind.${kind ?? 'other'}`, lang, kind ?? '');
export const yesNo = (v: boolean, lang: Lang) => ({ ru: v ? 'да' : 'нет', kk: v ? 'иә' : 'жоқ', en: v ? 'yes' : 'no' })[lang];

type Labels<K extends string> = Record<K, Record<Lang, string>>;

export const SCENARIO_COLUMNS = {
  order: { ru: 'Очерёдность', kk: 'Кезек', en: 'Order' },
  facility_id: { ru: 'Код объекта', kk: 'Нысан коды', en: 'Facility ID' },
  name: { ru: 'Название', kk: 'Атауы', en: 'Name' },
  kind: { ru: 'Тип', kk: 'Түрі', en: 'Kind' },
  region: { ru: 'Область', kk: 'Облыс', en: 'Region' },
  technology: { ru: 'Технология', kk: 'Технология', en: 'Technology' },
  cost_kzt: { ru: 'Стоимость (TCO), ₸', kk: 'Құны (TCO), ₸', en: 'Cost (TCO), ₸' },
  p10_kzt: { ru: 'P10, ₸', kk: 'P10, ₸', en: 'P10, ₸' },
  p50_kzt: { ru: 'P50, ₸', kk: 'P50, ₸', en: 'P50, ₸' },
  p90_kzt: { ru: 'P90, ₸', kk: 'P90, ₸', en: 'P90, ₸' },
  beneficiaries: { ru: 'Получатели пользы', kk: 'Пайда алушылар', en: 'Beneficiaries' },
  score: { ru: 'Балл приоритета', kk: 'Басымдық балы', en: 'Priority score' },
  shared_trench: { ru: 'Общая траншея (код)', kk: 'Ортақ траншея (коды)', en: 'Shared trench (ID)' },
  settlement_id: { ru: 'Код населённого пункта', kk: 'Елді мекен коды', en: 'Settlement ID' },
  admin1_id: { ru: 'Код области', kk: 'Облыс коды', en: 'Region ID' },
  admin2_id: { ru: 'Код района', kk: 'Аудан коды', en: 'District ID' },
  lon: { ru: 'Долгота', kk: 'Бойлық', en: 'Longitude' },
  lat: { ru: 'Широта', kk: 'Ендік', en: 'Latitude' },
} satisfies Labels<string>;

export const PPP_COLUMN_LABELS = {
  settlement: { ru: 'Населённый пункт', kk: 'Елді мекен', en: 'Settlement' },
  region: { ru: 'Область', kk: 'Облыс', en: 'Region' },
  population: { ru: 'Население', kk: 'Халқы', en: 'Population' },
  fibre_present: { ru: 'ВОЛС в селе', kk: 'Ауылда ТОБЖ бар', en: 'Fibre in the village' },
  size_band: { ru: 'Размерная группа', kk: 'Көлем тобы', en: 'Size band' },
  capex_kzt: { ru: 'Капитальные затраты, ₸', kk: 'Күрделі шығындар, ₸', en: 'Capital cost, ₸' },
  subscribers: { ru: 'Абоненты', kk: 'Абоненттер', en: 'Subscribers' },
  revenue_kzt_per_year: { ru: 'Выручка в год, ₸', kk: 'Жылдық түсім, ₸', en: 'Revenue a year, ₸' },
  opex_kzt_per_year: { ru: 'Эксплуатационные расходы в год, ₸', kk: 'Жылдық пайдалану шығындары, ₸', en: 'Operating cost a year, ₸' },
  npv_kzt: { ru: 'Чистая приведённая стоимость, ₸', kk: 'Таза келтірілген құн, ₸', en: 'Net present value, ₸' },
  viability_gap_kzt: { ru: 'Необходимая субсидия, ₸', kk: 'Қажетті субсидия, ₸', en: 'Viability gap, ₸' },
  viability_gap_per_person_kzt: { ru: 'Субсидия на жителя, ₸', kk: 'Бір тұрғынға субсидия, ₸', en: 'Gap per person, ₸' },
  settlement_id: SCENARIO_COLUMNS.settlement_id,
  admin1_id: SCENARIO_COLUMNS.admin1_id,
  admin2_id: SCENARIO_COLUMNS.admin2_id,
  lon: SCENARIO_COLUMNS.lon,
  lat: SCENARIO_COLUMNS.lat,
} satisfies Labels<string>;

export function headers<K extends string>(labels: Labels<K>, columns: readonly K[], lang: Lang): string[] {
  return columns.map((c) => labels[c][lang]);
}
