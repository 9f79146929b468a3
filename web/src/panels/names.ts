// Picks the name in the user's language, falling back through the others.
import type { GapItem } from '../api/types.ts';
import { lang } from '../i18n/index.ts';

export function itemName(item: Pick<GapItem, 'name' | 'nameRu' | 'nameKk' | 'nameEn'>): string {
  const byLang = { ru: item.nameRu, kk: item.nameKk, en: item.nameEn }[lang()];
  return byLang || item.nameRu || item.nameKk || item.name || item.nameEn || '—';
}

export function recordName(rec: Record<string, unknown>): string {
  const l = lang();
  const pick = (k: string) => (typeof rec[k] === 'string' && rec[k] ? (rec[k] as string) : null);
  return pick(`name_${l}`) ?? pick(`name${l[0]!.toUpperCase()}${l[1]}`) ?? pick('name_ru') ?? pick('nameRu') ?? pick('name') ?? pick('name_en') ?? pick('id') ?? '—';
}
