// Search that finds a place however it is spelt: Каскелен, Қаскелең, Kaskelen and Qaskeleñ are one
// village. Names and the query are folded the same way: lower case, Kazakh letters to their Russian
// neighbours, Cyrillic to Latin, diacritics dropped, and the Kazakh Latin q/ğ/x to k/g/h. Pure.

const KAZAKH: Record<string, string> = { ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и' };
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sh',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
// Latin spellings of the same sounds (official Kazakh Latin, and common English transliteration).
const LATIN: Array<[RegExp, string]> = [[/q/g, 'k'], [/x/g, 'h'], [/kh/g, 'h'], [/w/g, 'u'], [/j/g, 'zh'], [/iy/g, 'i'], [/y(?=[aeiou])/g, 'i']];

// Each lower-case Kazakh and Russian letter to its Latin form, by char code: one pass over a name
// instead of a replace per alphabet (a national plan write folds millions of names).
const TO_LATIN = new Map<number, string>();
for (const [c, to] of Object.entries(CYRILLIC)) TO_LATIN.set(c.charCodeAt(0), to);
for (const [c, ru] of Object.entries(KAZAKH)) TO_LATIN.set(c.charCodeAt(0), CYRILLIC[ru]!);
const NOT_ASCII = /[^\x00-\x7f]/;

/** The folded form of a text: what the search compares. */
export function foldForSearch(text: string): string {
  const lower = text.toLowerCase();
  let s = '';
  let from = 0; // lower[from, i) is copied as it is
  for (let i = 0; i < lower.length; i++) {
    const to = lower.charCodeAt(i) >= 0x400 ? TO_LATIN.get(lower.charCodeAt(i)) : undefined;
    if (to === undefined) continue;
    s += lower.slice(from, i) + to;
    from = i + 1;
  }
  s = from === 0 ? lower : s + lower.slice(from);
  // Diacritics dropped (ñ → n); a name already plain ASCII has none.
  if (NOT_ASCII.test(s)) s = s.normalize('NFD').replace(/\p{M}/gu, '');
  for (const [re, to] of LATIN) s = s.replace(re, to);
  return s;
}
