// A site's schedule (school hours) as words: "пн–пт 08:00–20:00".
import type { Schedule } from '../api/types.ts';
import { locale, t } from '../i18n/index.ts';

export function scheduleLabel(s: Schedule): string {
  const d = [...s.days].sort();
  const days = d.join() === '1,2,3,4,5' ? t('schedule.monFri') : d.length === 7 ? t('schedule.everyDay')
    // 1 January 2024 was a Monday: ISO day n is 2024-01-0n.
    : d.map((n) => new Intl.DateTimeFormat(locale(), { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 0, n))).join(', ');
  return t('schedule.hours', { days, from: s.from, to: s.to });
}
