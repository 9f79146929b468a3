// Language state, message lookup and formatting (numbers, dates, ₸) in the current language.
// Russian is the default; the choice is remembered in localStorage.
import { en, type MessageKey, type Messages } from './en.ts';
import { kk } from './kk.ts';
import { ru } from './ru.ts';
import { formatDate, formatDateTime, formatDayMonth, formatKzt, formatNumber, formatPercent, formatUsd } from './format.ts';

export type Lang = 'ru' | 'kk' | 'en';
export const LANGS: readonly Lang[] = ['ru', 'kk', 'en'];
export const CATALOGUES: Record<Lang, Messages> = { ru, kk, en };
/** Each language's own name, shown in the switcher whatever the current language. */
export const LANG_NAMES: Record<Lang, string> = { ru: 'Русский', kk: 'Қазақша', en: 'English' };
const INTL_LOCALE: Record<Lang, string> = { ru: 'ru-RU', kk: 'kk-KZ', en: 'en-GB' };
const STORAGE_KEY = 'baylanys.lang';

let current: Lang = 'ru';
const listeners = new Set<(lang: Lang) => void>();

export const isLang = (s: unknown): s is Lang => typeof s === 'string' && (LANGS as readonly string[]).includes(s);

/** Reads the remembered language (or `?lang=`), falling back to Russian. */
export function initLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    /* storage disabled: stay with the default */
  }
  current = isLang(fromUrl) ? fromUrl : isLang(stored) ? stored : 'ru';
  document.documentElement.lang = current;
  return current;
}

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* not remembered, still switched */
  }
  for (const l of listeners) l(next);
}

export function onLangChange(fn: (lang: Lang) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Message for `key` with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = CATALOGUES[current][key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Message for a key built from data (e.g. `gap.${cls}`), with a fallback key when it is unknown. */
export function tOr(key: string, fallback: MessageKey, params?: Record<string, string | number>): string {
  return key in en ? t(key as MessageKey, params) : t(fallback, params);
}

/** The most specific label of a facility: its subkind's (ФАП, hub school…) when known, else its kind's. */
export function facilityKindLabel(kind: string | null | undefined, subkind?: string | null): string {
  const specific = `subkind.${subkind}`;
  return subkind && specific in en ? t(specific as MessageKey) : tOr(`kind.${kind ?? 'other'}`, 'kind.other');
}

/** The BCP 47 tag of the current language (for lang attributes and sorting, not for formatting). */
export function locale(): string {
  return INTL_LOCALE[current];
}

// Formats come from the app's own table (format.ts): the runtime's kk-KZ output is wrong even
// where it claims support.
export function fmtNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return formatNumber(current, n, digits);
}

export function fmtPercent(ratio: number | null | undefined, digits = 2): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return formatPercent(current, ratio, digits);
}

/** Tenge with the ₸ sign; compact (e.g. 12,5 млн ₸) for large sums when asked. */
export function fmtKzt(n: number | null | undefined, compact = false): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return formatKzt(current, n, compact);
}

export function fmtUsd(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return formatUsd(current, n);
}

export function fmtDateTime(iso: string | number | Date | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return formatDateTime(current, d);
}

export function fmtDate(iso: string | number | Date | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return formatDate(current, d);
}

export function fmtDayMonth(d: Date): string {
  return formatDayMonth(current, d);
}

export function fmtDistanceM(m: number | null | undefined): string {
  if (m === null || m === undefined || !Number.isFinite(m)) return '—';
  return t('common.km', { n: fmtNumber(m / 1000, m < 10_000 ? 2 : 1) });
}

export function fmtDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const min = ms / 60_000;
  return min < 120 ? t('common.minutes', { n: fmtNumber(min, 0) }) : t('common.hours', { n: fmtNumber(min / 60, 1) });
}

export type { MessageKey, Messages };
