// The app's own number/date table (web/src/i18n/format.ts), tested by output: Chromium's kk-KZ
// gave "₸ 799,249", "799.2K" and "2026 M11 30" (issue 13). Space = U+00A0 (no break inside a number).
import { describe, expect, it } from 'vitest';
import { formatCompact, formatDate, formatDateTime, formatDayMonth, formatKzt, formatNumber, formatPercent, formatUsd, parseAmount } from '../../web/src/i18n/format.ts';

const sp = (s: string) => s.replaceAll(' ', '\u00a0');

describe('formatNumber', () => {
  it('groups thousands with a space and uses a decimal comma in ru and kk', () => {
    expect(formatNumber('kk', 799249)).toBe(sp('799 249'));
    expect(formatNumber('ru', 1234567.891, 2)).toBe(sp('1 234 567,89'));
    expect(formatNumber('kk', 0.5, 2)).toBe('0,5');
    expect(formatNumber('en', 1234567.891, 2)).toBe('1,234,567.89');
  });
  it('keeps small numbers ungrouped, drops trailing zeros and a negative zero', () => {
    expect(formatNumber('ru', 999)).toBe('999');
    expect(formatNumber('ru', 1000)).toBe(sp('1 000'));
    expect(formatNumber('ru', 12.5, 2)).toBe('12,5');
    expect(formatNumber('ru', -0.001, 1)).toBe('0');
    expect(formatNumber('ru', -1500)).toBe(sp('-1 500'));
  });
});

describe('money and percent', () => {
  it('puts ₸ after the amount in ru/kk and before it in en', () => {
    expect(formatKzt('kk', 799249)).toBe(sp('799 249 ₸'));
    expect(formatKzt('ru', 799249)).toBe(sp('799 249 ₸'));
    expect(formatKzt('en', 799249)).toBe('₸799,249');
    expect(formatUsd('kk', 12000)).toBe(sp('12 000 $'));
  });
  it('shortens large sums with words of the language', () => {
    // 799 249 = 799,249 thousand → one decimal: 799,2
    expect(formatCompact('kk', 799249)).toBe(sp('799,2 мың'));
    expect(formatCompact('ru', 799249)).toBe(sp('799,2 тыс.'));
    expect(formatCompact('en', 799249)).toBe('799.2K');
    expect(formatKzt('kk', 12_500_000, true)).toBe(sp('12,5 млн ₸'));
    expect(formatKzt('ru', 2_000_000_000, true)).toBe(sp('2 млрд ₸'));
    expect(formatKzt('en', 2_000_000_000, true)).toBe('₸2bn');
    // 999 999 rounds up to a million rather than "1 000 тыс."
    expect(formatCompact('ru', 999_999)).toBe(sp('1 млн'));
    expect(formatCompact('ru', 950)).toBe('950');
  });
  it('writes percentages with fixed decimals', () => {
    expect(formatPercent('kk', 0.99)).toBe(sp('99,00 %'));
    expect(formatPercent('ru', 0.98765, 1)).toBe(sp('98,8 %'));
    expect(formatPercent('en', 1)).toBe('100.00%');
  });
});

describe('dates', () => {
  const at = new Date('2026-11-30T09:05:00Z');
  it('uses Kazakh month names, year first', () => {
    expect(formatDate('kk', at, 'UTC')).toBe(sp('2026 ж.').concat(' 30 қараша'));
    expect(formatDateTime('kk', at, 'UTC')).toBe(`${sp('2026 ж.')} 30 қараша, 09:05`);
    expect(formatDayMonth('kk', at, 'UTC')).toBe('30 қар');
  });
  it('uses Russian genitive month names and English short ones', () => {
    expect(formatDateTime('ru', at, 'UTC')).toBe('30 ноября 2026, 09:05');
    expect(formatDateTime('en', at, 'UTC')).toBe('30 Nov 2026, 09:05');
    expect(formatDayMonth('ru', at, 'UTC')).toBe('30 ноя');
  });
  it('reads the calendar day in the given time zone', () => {
    // 22:30 UTC on the 30th is already 1 December in Astana (UTC+5).
    expect(formatDate('ru', new Date('2026-11-30T22:30:00Z'), 'Asia/Almaty')).toBe('1 декабря 2026');
    expect(formatDateTime('en', new Date('2026-01-01T00:00:00Z'), 'UTC')).toBe('1 Jan 2026, 00:00');
  });
});

describe('parseAmount', () => {
  it('reads amounts as people type them in ru, kk and en', () => {
    expect(parseAmount('2 000 000 000')).toBe(2e9);
    expect(parseAmount('2\u00a0000\u00a0000 ₸')).toBe(2e6);
    expect(parseAmount('12,5')).toBe(12.5);
    expect(parseAmount('2,000,000,000')).toBe(2e9);
    expect(parseAmount('1.5e9')).toBe(1.5e9);
    // No arbitrary maximum: 50 trillion is a number like any other.
    expect(parseAmount('50 000 000 000 000')).toBe(5e13);
  });
  it('refuses what is not a number', () => {
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('abc')).toBeNull();
    expect(parseAmount('1,2,3')).toBeNull();
  });
});
