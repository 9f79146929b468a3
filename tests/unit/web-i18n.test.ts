// Every message exists in ru, kk and en, with the same placeholders; every key the web app uses
// (t('…') in web/src) exists; Kazakh actually uses its own letters.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { TECHNOLOGY_IDS } from '../../server/src/planning/technologies/catalogue.ts';
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.ts';
import { kk } from '../../web/src/i18n/kk.ts';
import { ru } from '../../web/src/i18n/ru.ts';

const catalogues = { ru, kk, en } as Record<string, Record<string, string>>;
const keys = Object.keys(en).sort();
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('web i18n catalogues', () => {
  for (const [lang, messages] of Object.entries(catalogues)) {
    it(`${lang} has exactly the English key set, none empty`, () => {
      expect(Object.keys(messages).sort()).toEqual(keys);
      for (const k of keys) expect(messages[k]!.trim(), `${lang}:${k}`).not.toBe('');
    });
    it(`${lang} keeps every placeholder of the English message`, () => {
      for (const k of keys) expect(placeholders(messages[k]!), `${lang}:${k}`).toEqual(placeholders(en[k as keyof typeof en]));
    });
  }

  it('has every key the app looks up with t(…) or builds from a known prefix', () => {
    const used = new Set<string>();
    const prefixes = new Set<string>();
    for (const file of sources(path.resolve('web/src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([\w.]+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/['`]([a-z]+)\.\$\{/g)) prefixes.add(m[1]!);
      for (const m of text.matchAll(/\?\s*'([a-z]+\.[\w.]+)'\s*:\s*'([a-z]+\.[\w.]+)'/g)) used.add(m[1]!).add(m[2]!);
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => !(k in en));
    expect(missing).toEqual([]);
    // Keys built from data (`gap.${cls}`, `status.${s}` …) need their family present.
    for (const p of prefixes) expect(keys.some((k) => k.startsWith(`${p}.`)), p).toBe(true);
  });

  it('names every gap class, technology, status and facility kind the map can show', () => {
    for (const k of ['connected', 'lit_village', 'near_fibre', 'mobile_only', 'unserved', 'unknown']) expect(en).toHaveProperty(`gap.${k}`);
    for (const k of [...TECHNOLOGY_IDS, 'unknown']) for (const c of [en, ru, kk]) expect(c).toHaveProperty(`tech.${k}`);
    for (const k of ['up', 'down', 'link_down', 'unknown', 'idle']) expect(en).toHaveProperty(`status.${k}`);
    for (const k of ['school', 'health', 'library', 'community', 'other']) expect(en).toHaveProperty(`kind.${k}`);
  });

  it('Kazakh uses Kazakh letters and differs from Russian', () => {
    const all = Object.values(kk).join(' ');
    expect(all).toMatch(/[ӘәҒғҚқҢңӨөҰұҮүҺһІі]/);
    const same = keys.filter((k) => kk[k as keyof typeof kk] === ru[k as keyof typeof ru] && /[а-яё]/i.test(ru[k as keyof typeof ru]));
    // Only loanwords and units are the same in both (Технология, Оператор, Бюджет, Сценарий, Трафик,
    // км, м, мин, с, Мбит/с …): the units are counted apart so a copied sentence still fails.
    const units = same.filter((k) => /^(\{n\} )?[а-яё/]{1,6}$/i.test(ru[k as keyof typeof ru]));
    expect(same.length - units.length).toBeLessThan(15);
  });
});
