// Every spelling of a place folds to one form (issue 13: "Kaskelen" found nothing, the data says "Qaskeleñ").
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
