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

/** The folded form of a text: what the search compares. */
export function foldForSearch(text: string): string {
  let s = text.toLowerCase();
  s = s.replace(/[әғқңөұүһі]/g, (c) => KAZAKH[c]!);
  s = s.replace(/[а-яё]/g, (c) => CYRILLIC[c] ?? c);
  s = s.normalize('NFD').replace(/\p{M}/gu, '');
  for (const [re, to] of LATIN) s = s.replace(re, to);
  return s;
}
