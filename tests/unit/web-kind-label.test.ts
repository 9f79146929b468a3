// The ranked list and panel name a facility by its subkind (ФАП, hub school…), not just its kind.
import { beforeAll, describe, expect, it, vi } from 'vitest';

let i18n: typeof import('../../web/src/i18n/index.ts');
beforeAll(async () => {
  // The module keeps the page's lang attribute and the remembered choice: give it a minimal page.
  vi.stubGlobal('document', { documentElement: { lang: 'ru' } });
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => {} });
  vi.stubGlobal('navigator', { language: 'ru-KZ', languages: ['ru-KZ'] });
  i18n = await import('../../web/src/i18n/index.ts');
});

describe('facilityKindLabel', () => {
  it('names a facility by its subkind when known, else by its kind', () => {
    i18n.setLang('ru');
    expect(i18n.facilityKindLabel('health', 'phc_centre')).toBe('центр ПМСП');
    expect(i18n.facilityKindLabel('health', 'hospital')).toBe('больница');
    expect(i18n.facilityKindLabel('health', null)).toBe('медучреждение');
    expect(i18n.facilityKindLabel('school', 'no_such_subkind')).toBe('школа');
    expect(i18n.facilityKindLabel(null, null)).toBe(i18n.facilityKindLabel('other'));
    i18n.setLang('kk');
    expect(i18n.facilityKindLabel('library', 'rural_library')).toBe('ауылдық кітапхана');
  });
});
