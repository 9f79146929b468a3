// Report labels in the languages our users read: Russian and Kazakh first, English second.
export const LANGS = ['ru', 'kk', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(x: unknown): x is Lang {
  return typeof x === 'string' && (LANGS as readonly string[]).includes(x);
}

export const LOCALE: Record<Lang, string> = { ru: 'ru-RU', kk: 'kk-KZ', en: 'en-GB' };

const L = {
  title: { ru: 'Отчёт по сценарию', kk: 'Сценарий бойынша есеп', en: 'Scenario report' },
  summary: { ru: 'Сводка', kk: 'Қорытынды', en: 'Summary' },
  budget: { ru: 'Бюджет, тенге', kk: 'Бюджет, теңге', en: 'Budget, KZT' },
  totalCost: { ru: 'Стоимость выбранного (TCO), тенге', kk: 'Таңдалғанның құны (TCO), теңге', en: 'Cost of the chosen sites (TCO), KZT' },
  range: { ru: 'Диапазон стоимости P10 / P50 / P90, тенге', kk: 'Құн ауқымы P10 / P50 / P90, теңге', en: 'Cost range P10 / P50 / P90, KZT' },
  connectAll: { ru: 'Подключить всё, тенге', kk: 'Барлығын қосу, теңге', en: 'Connect all, KZT' },
  facilities: { ru: 'Объекты', kk: 'Нысандар', en: 'Facilities' },
  beneficiaries: { ru: 'Благополучатели', kk: 'Пайда алушылар', en: 'Beneficiaries' },
  cost: { ru: 'Стоимость, тенге', kk: 'Құны, теңге', en: 'Cost, KZT' },
  byRegion: { ru: 'По областям', kk: 'Облыстар бойынша', en: 'By region' },
  byKind: { ru: 'По типам объектов', kk: 'Нысан түрлері бойынша', en: 'By kind of facility' },
  region: { ru: 'Область', kk: 'Облыс', en: 'Region' },
  kind: { ru: 'Тип', kk: 'Түрі', en: 'Kind' },
  total: { ru: 'Итого', kk: 'Барлығы', en: 'Total' },
  curve: { ru: 'Кривая «стоимость — благополучатели»', kk: '«Құн — пайда алушылар» қисығы', en: 'Cost–beneficiaries curve' },
  costAxis: { ru: 'Стоимость, млн тенге', kk: 'Құны, млн теңге', en: 'Cost, million KZT' },
  curveNote: {
    ru: 'Линия: объекты и траншеи, купленные по порядку приоритета; точка: выбранный портфель (он тратит и остаток, который не покрыл следующий по порядку объект).',
    kk: 'Сызық: басымдық ретімен сатып алынған нысандар мен траншеялар; нүкте: таңдалған портфель (ол кезектегі нысанға жетпеген қалдықты да жұмсайды).',
    en: 'Line: sites and trenches bought in priority order; dot: the chosen portfolio (which also spends what the next site in order could not use).',
  },
  budgetLine: { ru: 'бюджет', kk: 'бюджет', en: 'budget' },
  provenance: { ru: 'Происхождение расчёта', kk: 'Есептің шығу тегі', en: 'Where these figures come from' },
  paramsHash: { ru: 'Хэш параметров', kk: 'Параметрлер хэші', en: 'Parameters hash' },
  dataVersion: { ru: 'Версия данных (слой: версия)', kk: 'Деректер нұсқасы (қабат: нұсқа)', en: 'Data version (layer: version)' },
  ranAt: { ru: 'Рассчитано', kk: 'Есептелген уақыты', en: 'Computed at' },
  monteCarlo: { ru: 'Монте-Карло', kk: 'Монте-Карло', en: 'Monte Carlo' },
  draws: { ru: 'испытаний, зерно', kk: 'сынақ, бастапқы сан', en: 'draws, seed' },
  pathMethod: { ru: 'Длина траншей', kk: 'Траншея ұзындығы', en: 'Trench lengths' },
  parameters: { ru: 'Изменённые параметры', kk: 'Өзгертілген параметрлер', en: 'Changed parameters' },
  none: { ru: 'нет (значения модели по умолчанию)', kk: 'жоқ (модельдің әдепкі мәндері)', en: 'none (model defaults)' },
  utc5: { ru: 'время Казахстана, UTC+5', kk: 'Қазақстан уақыты, UTC+5', en: 'Kazakhstan time, UTC+5' },
  pathRoads: {
    ru: 'от точки доступа до объекта — путь ввода из расчёта разрывов (по дорогам, где они найдены, иначе по прямой × {f}); между объектами — по прямой × {f}',
    kk: 'қол жеткізу нүктесінен нысанға дейін — олқылықтар есебіндегі енгізу жолы (жол табылса — жолмен, әйтпесе түзу × {f}); нысандар арасында — түзу × {f}',
    en: 'access point → facility: the gap engine’s drop path (roads where found, else straight line × {f}); facility → facility: straight line × {f}',
  },
  footer: {
    ru: 'Стоимость — совокупная стоимость владения (капзатраты + эксплуатация за срок) по модели Baylanys.',
    kk: 'Құны — Baylanys моделі бойынша иелену құны (күрделі шығын + мерзім ішіндегі пайдалану).',
    en: 'Cost is total cost of ownership (capex + opex over the period) under the Baylanys model.',
  },
} as const;

export type LabelKey = keyof typeof L;

export function label(key: LabelKey, lang: Lang, params: Record<string, string> = {}): string {
  return L[key][lang].replace(/\{(\w+)\}/g, (m, k: string) => params[k] ?? m);
}

const KINDS: Record<string, Record<Lang, string>> = {
  school: { ru: 'Школы', kk: 'Мектептер', en: 'Schools' },
  health: { ru: 'Медпункты', kk: 'Медициналық пункттер', en: 'Health points' },
  library: { ru: 'Библиотеки', kk: 'Кітапханалар', en: 'Libraries' },
  community: { ru: 'Общественные объекты', kk: 'Қоғамдық нысандар', en: 'Community facilities' },
  other: { ru: 'Прочие', kk: 'Басқалар', en: 'Other' },
};

export function kindLabel(kind: string, lang: Lang): string {
  return KINDS[kind]?.[lang] ?? kind;
}
