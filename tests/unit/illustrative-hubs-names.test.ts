import { describe, expect, it } from 'vitest';
import { chooseHubs } from '../../scripts/illustrative/hubs.ts';
import { placeNames, transliterate } from '../../scripts/illustrative/names.ts';
import type { SettlementInput } from '../../scripts/illustrative/types.ts';
import { settlement } from './fixtures/illustrative-settlements.ts';

describe('hub settlements', () => {
  it('takes the most populous village of each district, never a town', () => {
    const estimated = new Set(['osm:3']);
    const all = [
      settlement(1, 'town', 20_000, { adm2: 'A' }),
      settlement(2, 'village', 800, { adm2: 'A' }),
      settlement(3, 'village', 800, { adm2: 'A' }), // same size, but estimated: loses to osm:2
      settlement(4, 'village', 300, { adm2: 'B' }),
      settlement(5, 'village', 300, { adm2: 'B' }), // tie on a tagged size: the lower id wins
      settlement(6, 'hamlet', 5_000, { adm2: 'C' }), // hamlets are not hubs: C has none
    ];
    const hubs = chooseHubs(all, (s: SettlementInput) => ({ pop: s.population!, estimated: estimated.has(s.id) }));
    expect(hubs.map((h) => h.settlementId)).toEqual(['osm:2', 'osm:4']);
    expect(hubs[0]!.rule).toBe('most_populous_village_in_district');
  });
});

describe('place names', () => {
  it('transliterates Kazakh and Russian letters', () => {
    expect(transliterate('Ақсу')).toBe('Aksu');
    expect(transliterate('Щучинск')).toBe('Shchuchinsk');
    expect(transliterate('Өскемен')).toBe('Oskemen');
  });

  it('falls back across languages and to the OSM id for an unnamed place', () => {
    const kkOnly = { ...settlement(1, 'village', 10), name: null, nameRu: null, nameKk: 'Қарабұлақ' };
    expect(placeNames(kkOnly)).toEqual({ ru: 'Қарабұлақ', kk: 'Қарабұлақ', en: 'Karabulak', urban: false });
    const unnamed = { ...settlement(2, 'hamlet', 10), name: null, nameRu: null };
    expect(placeNames(unnamed).en).toBe('unnamed place (OSM 2)');
  });
});
