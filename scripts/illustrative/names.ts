// Facility names in Russian, Kazakh and English, built from the settlement's own names.
import type { Place, SettlementInput } from './types.ts';

// Kazakh and Russian Cyrillic → Latin, close to the 2021 Kazakh Latin alphabet for Kazakh letters
// and to common passport transliteration for Russian ones.
const LATIN: Record<string, string> = {
  а: 'a', ә: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i',
  й: 'y', к: 'k', қ: 'k', л: 'l', м: 'm', н: 'n', ң: 'n', о: 'o', ө: 'o', п: 'p', р: 'r', с: 's',
  т: 't', у: 'u', ұ: 'u', ү: 'u', ф: 'f', х: 'kh', һ: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', і: 'i', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

export function transliterate(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const latin = LATIN[lower];
    if (latin === undefined) out += ch;
    else if (ch !== lower && latin.length > 0) out += latin[0]!.toUpperCase() + latin.slice(1);
    else out += latin;
  }
  return out;
}

export interface PlaceNames {
  ru: string;
  kk: string;
  en: string;
  urban: boolean;
}

/** The settlement's name in each language, falling back across languages, then to its OSM id. */
export function placeNames(s: SettlementInput): PlaceNames {
  const urban = s.place === 'city' || s.place === 'town';
  const any = s.nameRu ?? s.name ?? s.nameKk;
  if (!any) {
    return { ru: `н. п. без названия (OSM ${s.osmId})`, kk: `атаусыз елді мекен (OSM ${s.osmId})`, en: `unnamed place (OSM ${s.osmId})`, urban };
  }
  return {
    ru: s.nameRu ?? s.name ?? any,
    kk: s.nameKk ?? s.name ?? any,
    en: s.nameEn ?? transliterate(s.nameRu ?? s.name ?? any),
    urban,
  };
}

export interface TriName {
  ru: string;
  kk: string;
  en: string;
}

const ruPrefix = (urban: boolean) => (urban ? 'г.' : 'с.');
const kkSuffix = (urban: boolean) => (urban ? 'қаласы' : 'ауылы');
const kkGenitive = (urban: boolean) => (urban ? 'қаласының' : 'ауылының');

/** e.g. «Школа № 2 с. Аксу» / «№2 мектеп, Ақсу ауылы» / "School No. 2, Aksu" */
export function schoolName(p: PlaceNames, subkind: string, n: number): TriName {
  const on = (ru: string) => `${ru} ${ruPrefix(p.urban)} ${p.ru}`;
  if (subkind === 'small_class_school') {
    return {
      ru: on('Малокомплектная школа'),
      kk: `${p.kk} ${kkGenitive(p.urban)} шағын жинақты мектебі`,
      en: `Small-class school, ${p.en}`,
    };
  }
  if (subkind === 'hub_school') {
    return { ru: on(`Опорная школа № ${n}`), kk: `№${n} тірек мектеп, ${p.kk} ${kkSuffix(p.urban)}`, en: `Hub school No. ${n}, ${p.en}` };
  }
  return { ru: on(`Школа № ${n}`), kk: `№${n} мектеп, ${p.kk} ${kkSuffix(p.urban)}`, en: `School No. ${n}, ${p.en}` };
}

const HEALTH: Record<string, { ru: string; kk: string; en: string }> = {
  medical_point: { ru: 'Медицинский пункт', kk: 'медициналық пункті', en: 'Medical point' },
  fap: { ru: 'Фельдшерско-акушерский пункт', kk: 'фельдшерлік-акушерлік пункті', en: 'Feldsher-midwife post' },
  fp: { ru: 'Фельдшерский пункт', kk: 'фельдшерлік пункті', en: 'Feldsher post' },
  outpatient_clinic: { ru: 'Врачебная амбулатория', kk: 'дәрігерлік амбулаториясы', en: 'Outpatient clinic' },
  phc_centre: { ru: 'Центр ПМСП', kk: 'АМСК орталығы', en: 'Primary health care centre' },
};

/** e.g. «Фельдшерско-акушерский пункт с. Аксу» / «Ақсу ауылының фельдшерлік-акушерлік пункті» */
export function healthName(p: PlaceNames, subkind: string, n: number): TriName {
  if (subkind === 'hospital') {
    return {
      ru: `Больница № ${n} ${ruPrefix(p.urban)} ${p.ru}`,
      kk: `№${n} аурухана, ${p.kk} ${kkSuffix(p.urban)}`,
      en: `Hospital No. ${n}, ${p.en}`,
    };
  }
  const t = HEALTH[subkind];
  if (!t) throw new Error(`while naming a health facility: unknown subkind '${subkind}'`);
  return { ru: `${t.ru} ${ruPrefix(p.urban)} ${p.ru}`, kk: `${p.kk} ${kkGenitive(p.urban)} ${t.kk}`, en: `${t.en}, ${p.en}` };
}

export function libraryName(p: PlaceNames): TriName {
  return {
    ru: `Сельская библиотека ${ruPrefix(p.urban)} ${p.ru}`,
    kk: p.urban ? `${p.kk} ${kkGenitive(true)} кітапханасы` : `${p.kk} ауылдық кітапханасы`,
    en: `Rural library, ${p.en}`,
  };
}

export function isUrban(place: Place): boolean {
  return place === 'city' || place === 'town';
}
