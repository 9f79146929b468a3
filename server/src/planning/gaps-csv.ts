// The ranked gaps as a spreadsheet (/api/gaps.csv). For a person, headers and coded values (kind,
// gap class, technology, place type, yes/no) in the reader's language and, with `;`, decimal commas
// Excel in ru/kk reads as numbers; for a script (`codes`), the stable column codes and raw values.
// Pure: the rows come from gaps-query.ts.
import { toCsv, type CsvSeparator, type CsvValue } from '../csv.ts';
import { kindName, techName, webText, yesNo } from '../portfolio/export-labels.ts';
import { localNumbers } from '../portfolio/export.ts';
import type { Lang } from '../portfolio/report-labels.ts';
import type { GapItem } from './gaps-query.ts';

type Column = { code: string; label: Record<Lang, string>; value: (g: GapItem, lang: Lang) => CsvValue; raw: (g: GapItem) => CsvValue };

const col = (code: string, ru: string, kk: string, en: string, key: keyof GapItem, show?: (g: GapItem, lang: Lang) => CsvValue): Column =>
  ({ code, label: { ru, kk, en }, raw: (g) => g[key], value: show ?? ((g) => g[key]) });

const gapClassName = (c: string, lang: Lang) => webText(`gap.${c}`, lang, c);
const PLACE: Record<string, Record<Lang, string>> = {
  rural: { ru: 'сельский', kk: 'ауылдық', en: 'rural' },
  urban: { ru: 'городской', kk: 'қалалық', en: 'urban' },
  unknown: { ru: 'не известно', kk: 'белгісіз', en: 'unknown' },
};
const FLAG: Record<string, Record<Lang, string>> = {
  idle: { ru: 'канал простаивает', kk: 'арна бос тұр', en: 'link idle' },
  unreliable: { ru: 'канал ненадёжен', kk: 'арна сенімсіз', en: 'link unreliable' },
};

export const GAP_CSV_COLUMNS: readonly Column[] = [
  col('rank', 'Место в рейтинге', 'Рейтингтегі орны', 'Rank', 'rank'),
  col('facility_id', 'Код объекта', 'Нысан коды', 'Facility ID', 'facilityId'),
  col('name', 'Название', 'Атауы', 'Name', 'name'),
  col('name_ru', 'Название (рус.)', 'Атауы (орыс.)', 'Name (Russian)', 'nameRu'),
  col('name_kk', 'Название (каз.)', 'Атауы (қаз.)', 'Name (Kazakh)', 'nameKk'),
  col('name_en', 'Название (англ.)', 'Атауы (ағыл.)', 'Name (English)', 'nameEn'),
  col('kind', 'Тип', 'Түрі', 'Kind', 'kind', (g, l) => kindName(g.kind, l)),
  col('subkind', 'Подтип', 'Қосалқы түрі', 'Subkind', 'subkind'),
  col('settlement_id', 'Код населённого пункта', 'Елді мекен коды', 'Settlement ID', 'settlementId'),
  col('settlement_name', 'Населённый пункт', 'Елді мекен', 'Settlement', 'settlementName'),
  col('admin1_id', 'Код области', 'Облыс коды', 'Region ID', 'admin1Id'),
  col('admin2_id', 'Код района', 'Аудан коды', 'District ID', 'admin2Id'),
  col('gap_class', 'Класс разрыва', 'Олқылық сыныбы', 'Gap class', 'gapClass', (g, l) => gapClassName(g.gapClass, l)),
  col('technology', 'Технология', 'Технология', 'Technology', 'technology', (g, l) => (g.technology ? techName(g.technology, l) : null)),
  col('capex_usd', 'Капитальные затраты, USD', 'Күрделі шығындар, USD', 'Capital cost, USD', 'capexUsd'),
  col('tco_usd', 'Стоимость владения за 10 лет, USD', '10 жылдық иелік құны, USD', '10-year cost of ownership, USD', 'tcoUsd'),
  col('tco_kzt', 'Стоимость владения за 10 лет, ₸', '10 жылдық иелік құны, ₸', '10-year cost of ownership, ₸', 'tcoKzt'),
  col('beneficiaries', 'Получатели пользы', 'Пайда алушылар', 'Beneficiaries', 'beneficiaries'),
  col('score', 'Балл приоритета', 'Басымдық балы', 'Priority score', 'score'),
  col('lon', 'Долгота', 'Бойлық', 'Longitude', 'lon'),
  col('lat', 'Широта', 'Ендік', 'Latitude', 'lat'),
  col('provenance', 'Происхождение данных', 'Деректер көзі', 'Provenance', 'provenance'),
  col('measured_state', 'Состояние по мониторингу', 'Мониторинг бойынша күйі', 'Monitored state', 'measuredState'),
  col('measured_flag', 'Отметка мониторинга', 'Мониторинг белгісі', 'Monitoring flag', 'measuredFlag', (g, l) => (g.measuredFlag ? FLAG[g.measuredFlag]![l] : null)),
  col('settlement_type', 'Тип поселения', 'Елді мекен түрі', 'Place type', 'settlementType', (g, l) => (g.settlementType ? (PLACE[g.settlementType]?.[l] ?? g.settlementType) : null)),
  col('in_scope', 'В программе (село)', 'Бағдарламада (ауыл)', 'In scope (rural)', 'inScope', (g, l) => yesNo(g.inScope, l)),
  col('underserved', 'Связь есть, но недостаточна', 'Байланыс бар, бірақ жеткіліксіз', 'Has a link below target', 'underserved', (g, l) => yesNo(g.underserved, l)),
  col('standalone_tco_usd', 'Стоимость при отдельной стройке, USD', 'Жеке салғандағы құны, USD', 'Cost if built alone, USD', 'standaloneTcoUsd'),
  col('share_group', 'Общая стройка (код)', 'Ортақ құрылыс (коды)', 'Shared build (ID)', 'shareGroup'),
];

export type GapsCsvOptions = { lang: Lang; sep: CsvSeparator } | { codes: true };

export function gapsCsv(rows: readonly GapItem[], o: GapsCsvOptions): string {
  if ('codes' in o) return toCsv(GAP_CSV_COLUMNS.map((c) => c.code), rows.map((g) => GAP_CSV_COLUMNS.map((c) => c.raw(g))));
  return toCsv(
    GAP_CSV_COLUMNS.map((c) => c.label[o.lang]),
    rows.map((g) => GAP_CSV_COLUMNS.map((c) => c.value(g, o.lang))).map(localNumbers(o.sep)),
    o.sep,
  );
}
