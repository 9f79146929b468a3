// The "add a technology" recipe (docs/recipes.md) is complete for every technology of the catalogue
// (server/src/planning/technologies/catalogue.ts): a registry module (or a composite evaluate.ts
// builds), a colour of its own for the map and the legend, and a name in ru, kk and en. A new entry
// missing any of them fails here, naming it.
import { describe, expect, it } from 'vitest';
import { COMPOSITE_TECHNOLOGIES, TECHNOLOGY_CATALOGUE } from '../../server/src/planning/technologies/catalogue.ts';
import { TECHNOLOGY_REGISTRY } from '../../server/src/planning/technologies/index.ts';
import { DEFAULT_PARAMETERS, parseParameters, technologyParameters } from '../../server/src/planning/parameters.ts';
import { CATALOGUES, LANGS } from '../../web/src/i18n/index.ts';
import { TECH_COLOURS, TECHNOLOGIES } from '../../web/src/map/palette.ts';

const modules = new Set<string>(TECHNOLOGY_REGISTRY.map((t) => t.id));

describe('every technology of the catalogue is complete', () => {
  for (const { id, colour } of TECHNOLOGY_CATALOGUE) {
    it(`${id}: a module, a colour of its own on the map and in the legend, a name in ru/kk/en`, () => {
      expect(modules.has(id) || COMPOSITE_TECHNOLOGIES.includes(id), `${id} has no module in technologies/index.ts`).toBe(true);
      expect(colour).toMatch(/^#[0-9A-F]{6}$/i);
      expect(TECH_COLOURS[id]).toBe(colour);
      expect(TECHNOLOGY_CATALOGUE.filter((t) => t.colour.toLowerCase() === colour.toLowerCase()), `${id} shares its colour`).toHaveLength(1);
      expect(TECHNOLOGIES, 'the legend lists the palette technologies').toContain(id);
      for (const lang of LANGS) {
        expect((CATALOGUES[lang] as Record<string, string>)[`tech.${id}`], `${lang} tech.${id}`).toBeTruthy();
      }
    });
  }
});

describe('a registry module is all the server needs (no edit to parameters.ts or evaluate.ts)', () => {
  const camel = (id: string) => id.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  for (const t of TECHNOLOGY_REGISTRY) {
    it(`${t.id}: its parameters sit in a parameter set under its key, its defaults are valid, it names itself`, () => {
      expect(t.parameterKey).toBe(camel(t.id));
      expect((DEFAULT_PARAMETERS as unknown as Record<string, unknown>)[t.parameterKey]).toEqual(t.defaults);
      expect(technologyParameters(DEFAULT_PARAMETERS)[t.id]).toEqual(t.defaults);
      // The set's schema checks the module's fields: a bad value is refused under the module's key.
      const field = Object.keys(t.defaults)[0]!;
      const bad = { ...DEFAULT_PARAMETERS, [t.parameterKey]: { ...t.defaults, [field]: 'x' } };
      expect(() => parseParameters(bad)).toThrow(new RegExp(`${t.parameterKey}\\.${field}`));
      expect(t.words.length).toBeGreaterThan(0);
    });
  }
});
