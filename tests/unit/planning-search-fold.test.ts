// Every spelling of a place folds to one form (issue 13: "Kaskelen" found nothing, the data says "Qaskeleñ").
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../server/src/planning/search-fold.ts';

describe('foldForSearch', () => {
  it('folds Russian, Kazakh Cyrillic, Kazakh Latin and English spellings of one village together', () => {
    const forms = ['Каскелен', 'Қаскелең', 'Qaskeleñ', 'Kaskelen', 'KASKELEN'].map(foldForSearch);
    expect(new Set(forms)).toEqual(new Set(['kaskelen']));
  });
  it('keeps other places apart and handles the Kazakh letters', () => {
    expect(foldForSearch('Ақсу')).toBe(foldForSearch('Aksu'));
    expect(foldForSearch('Aqsu')).toBe('aksu');
    expect(foldForSearch('Өскемен')).toBe(foldForSearch('Oskemen'));
    expect(foldForSearch('Шымкент')).toBe('shymkent');
    expect(foldForSearch('Жетысай')).toBe(foldForSearch('Zhetysai'));
    expect(foldForSearch('Aksu')).not.toBe(foldForSearch('Aktau'));
  });
});

// The fold as first written (issue 13), one replace per alphabet: the one-pass fold must give the
// very same text for every name of the bundled data, so search_text and queries stay comparable.
function foldAsFirstWritten(text: string): string {
  const KAZAKH: Record<string, string> = { ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и' };
  const CYRILLIC: Record<string, string> = {
    а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm',
    н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sh',
    ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  };
  const LATIN: Array<[RegExp, string]> = [[/q/g, 'k'], [/x/g, 'h'], [/kh/g, 'h'], [/w/g, 'u'], [/j/g, 'zh'], [/iy/g, 'i'], [/y(?=[aeiou])/g, 'i']];
  let s = text.toLowerCase();
  s = s.replace(/[әғқңөұүһі]/g, (c) => KAZAKH[c]!);
  s = s.replace(/[а-яё]/g, (c) => CYRILLIC[c] ?? c);
  s = s.normalize('NFD').replace(/\p{M}/gu, '');
  for (const [re, to] of LATIN) s = s.replace(re, to);
  return s;
}

describe('foldForSearch in one pass', () => {
  it('folds every bundled name as the replace-per-alphabet fold did', () => {
    const names = new Set<string>();
    for (const file of ['illustrative_facilities', 'kz_settlements']) {
      const fc = JSON.parse(gunzipSync(readFileSync(new URL(`../../geodata/${file}.geojson.gz`, import.meta.url))).toString('utf8')) as { features: Array<{ properties: Record<string, unknown> }> };
      for (const f of fc.features) for (const k of ['name', 'name_ru', 'name_kk', 'name_en']) if (typeof f.properties[k] === 'string') names.add(f.properties[k] as string);
    }
    expect(names.size).toBeGreaterThan(20_000);
    for (const n of names) if (foldForSearch(n) !== foldAsFirstWritten(n)) expect(foldForSearch(n)).toBe(foldAsFirstWritten(n));
  });

  it('folds edge cases as before: capitals, Ё, combining marks, other Cyrillic, digits and signs', () => {
    const cases = ['ЁЛКА', 'Ёлка', 'ҚАЗАҚСТАН', 'İstanbul', 'Qaskeleñ', 'Ўзбек', 'Ӣ', 'е\u0308', 'Škola № 5 «Айгөлек»', 'kh qh xh', 'yaya iyi', '', '   ', 'Ъ', 'Ï', 'ſ', 'ǅ', '😀 школа', 'ǰ'];
    for (const c of cases) expect(foldForSearch(c)).toBe(foldAsFirstWritten(c));
  });
});
