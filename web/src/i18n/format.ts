// Numbers, money and dates for ru, kk and en from the app's own table, not from the browser's
// locale data: Chromium claims to support kk-KZ and then writes "₸ 799,249", "799.2K" and
// "2026 M11 30". Pure: the language (and for dates the time zone) is a parameter.
export type FormatLang = 'ru' | 'kk' | 'en';

type Table = {
  group: string;
  decimal: string;
  /** Compact suffixes for thousands, millions, billions, trillions. */
  compact: [string, string, string, string];
  months: readonly string[];
  /** Money: the amount and the sign's place. */
  money(amount: string, sign: string): string;
  percent(n: string): string;
  date(d: number, month: string, y: number): string;
  dayMonth(d: number, month: string): string;
};

const NBSP = '\u00a0';

export const FORMATS: Record<FormatLang, Table> = {
  ru: {
    group: NBSP, decimal: ',',
    compact: [`${NBSP}тыс.`, `${NBSP}млн`, `${NBSP}млрд`, `${NBSP}трлн`],
    months: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
    money: (a, s) => `${a}${NBSP}${s}`,
    percent: (n) => `${n}${NBSP}%`,
    date: (d, m, y) => `${d} ${m} ${y}`,
    dayMonth: (d, m) => `${d} ${m.slice(0, 3)}`,
  },
  kk: {
    group: NBSP, decimal: ',',
    compact: [`${NBSP}мың`, `${NBSP}млн`, `${NBSP}млрд`, `${NBSP}трлн`],
    months: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
    money: (a, s) => `${a}${NBSP}${s}`,
    percent: (n) => `${n}${NBSP}%`,
    // Kazakh puts the year first: "2026 ж. 30 қараша".
    date: (d, m, y) => `${y}${NBSP}ж. ${d} ${m}`,
    dayMonth: (d, m) => `${d} ${m.slice(0, 3)}`,
  },
  en: {
    group: ',', decimal: '.',
    compact: ['K', 'M', 'bn', 'tn'],
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    money: (a, s) => (a.startsWith('-') ? `-${s}${a.slice(1)}` : `${s}${a}`),
    percent: (n) => `${n}%`,
    date: (d, m, y) => `${d} ${m} ${y}`,
    dayMonth: (d, m) => `${d} ${m}`,
  },
};

/** `n` with at most `digits` decimals (at least `minDigits`), grouped by thousands. */
export function formatNumber(l: FormatLang, n: number, digits = 0, minDigits = 0): string {
  const f = FORMATS[l];
  const fixed = Math.abs(n).toFixed(digits);
  let [int, frac = ''] = fixed.split('.');
  while (frac.length > minDigits && frac.endsWith('0')) frac = frac.slice(0, -1);
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, f.group);
  const negative = n < 0 && /[1-9]/.test(fixed);
  return `${negative ? '-' : ''}${grouped}${frac ? f.decimal + frac : ''}`;
}

export function formatPercent(l: FormatLang, ratio: number, digits = 2): string {
  return FORMATS[l].percent(formatNumber(l, ratio * 100, digits, digits));
}

/** Large numbers shortened: 799,2 тыс. / 12,5 млн / 1,2 млрд (one decimal, trailing zero dropped). */
export function formatCompact(l: FormatLang, n: number): string {
  const abs = Math.abs(n);
  const steps = [1e12, 1e9, 1e6, 1e3];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (abs >= step * 0.9995) return formatNumber(l, n / step, 1) + FORMATS[l].compact[3 - i]!;
  }
  return formatNumber(l, n, 0);
}

export function formatKzt(l: FormatLang, n: number, compact = false): string {
  const amount = compact ? formatCompact(l, n) : formatNumber(l, n, 0);
  return FORMATS[l].money(amount, '₸');
}

export function formatUsd(l: FormatLang, n: number): string {
  return FORMATS[l].money(formatNumber(l, n, 0), '$');
}

/** Calendar parts of an instant in a time zone (the browser's when none is given). */
export function dateParts(date: Date, timeZone?: string): { y: number; m: number; d: number; hh: number; mm: number } {
  // en-US numeric parts are present in every runtime's ICU data, whatever locales it lacks.
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return { y: get('year'), m: get('month'), d: get('day'), hh: get('hour') % 24, mm: get('minute') };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function formatDate(l: FormatLang, date: Date, timeZone?: string): string {
  const p = dateParts(date, timeZone);
  return FORMATS[l].date(p.d, FORMATS[l].months[p.m - 1]!, p.y);
}

export function formatDateTime(l: FormatLang, date: Date, timeZone?: string): string {
  const p = dateParts(date, timeZone);
  return `${FORMATS[l].date(p.d, FORMATS[l].months[p.m - 1]!, p.y)}, ${pad(p.hh)}:${pad(p.mm)}`;
}

/** Short day label for chart axes: "30 ноя", "30 қар", "30 Nov". */
export function formatDayMonth(l: FormatLang, date: Date, timeZone?: string): string {
  const p = dateParts(date, timeZone);
  return FORMATS[l].dayMonth(p.d, FORMATS[l].months[p.m - 1]!);
}

/** An amount typed by a person: "2 000 000 000", "2 000 000 000,5", "2,000,000,000", "2e9". null if not a number. */
export function parseAmount(text: string): number | null {
  let s = text.replace(/[\s\u00a0\u202f'₸]/g, '');
  if (s === '') return null;
  // Commas as thousands separators (1,234,567) or one decimal comma (12,5).
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replaceAll(',', '');
  else s = s.replace(',', '.');
  if (!/^-?(\d+\.?\d*|\.\d+)(e\d+)?$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}
