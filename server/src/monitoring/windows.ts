// Report windows: rolling 24 h / 7 d / 30 d, and calendar months (UTC+5, Kazakhstan's single
// time zone since 2024, so a month report matches what a school and an operator call "March").
import { AppError } from '../app-error.ts';

export type WindowName = '24h' | '7d' | '30d' | 'month';
export const WINDOW_NAMES: readonly WindowName[] = ['24h', '7d', '30d', 'month'];

const H = 3_600_000;
export const KZ_OFFSET_MS = 5 * H;

/** Start and end (ms) of calendar month "YYYY-MM" in Kazakhstan time. */
export function monthSpan(month: string): { from: number; to: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new AppError(400, 'invalid_month', `month '${month}' must look like 2026-03`);
  const y = Number(m[1]), mo = Number(m[2]) - 1;
  return { from: Date.UTC(y, mo, 1) - KZ_OFFSET_MS, to: Date.UTC(y, mo + 1, 1) - KZ_OFFSET_MS };
}

/** The calendar month (Kazakhstan time) containing `now`, as "YYYY-MM". */
export function monthOf(now: number): string {
  const d = new Date(now + KZ_OFFSET_MS);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** A window ending at `now`; `month` is the current calendar month up to now. */
export function windowSpan(name: WindowName, now: number): { from: number; to: number } {
  switch (name) {
    case '24h': return { from: now - 24 * H, to: now };
    case '7d': return { from: now - 7 * 24 * H, to: now };
    case '30d': return { from: now - 30 * 24 * H, to: now };
    case 'month': return { from: monthSpan(monthOf(now)).from, to: now };
  }
}
