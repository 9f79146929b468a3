// The "add a map layer" recipe (docs/recipes.md) is complete for every layer: each catalogue layer
// (server/src/data/layers.ts) that feeds tiles has a tile layer whose columns are its fields; each
// tile layer is a source of the web style with at least one drawn layer; each drawn layer belongs to
// one legend group; each legend group has a name in ru, kk and en. A layer missing any step fails here.
import { describe, expect, it } from 'vitest';
import { LAYER_NAMES } from '../../server/src/data/layers.ts';
import { compileTileStatements } from '../../server/src/http/tile-routes.ts';
import { TILE_LAYER_NAMES, tileLayerSpec } from '../../server/src/http/tile-layers.ts';
import { CATALOGUES, LANGS } from '../../web/src/i18n/index.ts';
import { buildStyle, LAYER_GROUPS } from '../../web/src/map/style.ts';

const style = buildStyle('http://example.test', 'ru');
const drawn = style.layers.filter((l) => 'source' in l);
const grouped = new Map<string, string>(Object.entries(LAYER_GROUPS).flatMap(([g, ids]) => ids.map((id) => [id, g] as [string, string])));

describe('every catalogue layer is on the map', () => {
  for (const layer of LAYER_NAMES) {
    it(`${layer} has a tile layer`, () => {
      expect(TILE_LAYER_NAMES.some((t) => tileLayerSpec(t).layer === layer)).toBe(true);
    });
  }
  it('every tile layer compiles against the catalogue (its columns are fields of its layer)', () => {
    expect(() => compileTileStatements(new Set(TILE_LAYER_NAMES))).not.toThrow();
  });
});

describe('every tile layer is drawn, switchable and named', () => {
  for (const t of TILE_LAYER_NAMES) {
    it(`${t}: a vector source drawn by a style layer in a legend group named in ru/kk/en`, () => {
      expect(style.sources[t]).toMatchObject({ type: 'vector', tiles: [`http://example.test/tiles/${t}/{z}/{x}/{y}.pbf`] });
      const users = drawn.filter((l) => (l as { source: string }).source === t);
      expect(users.length, `no style layer draws ${t}`).toBeGreaterThan(0);
      for (const l of users) {
        const group = grouped.get(l.id);
        expect(group, `style layer ${l.id} is in no legend group`).toBeDefined();
        for (const lang of LANGS) expect((CATALOGUES[lang] as Record<string, string>)[`layer.${group}`], `${lang} layer.${group}`).toBeTruthy();
      }
    });
  }
});
