// What the bundled files in geodata/ are and how their properties map to the layers; provenance
// and licences as in geodata/README.md. Data, not code: the loader (bundled.ts) walks this list.
import type { DatasetMeta, ImportOptions } from './import/import-layer.ts';
import type { LayerName } from './layers.ts';
import type { Mapping } from './import/mapping.ts';

export type BundledSource = {
  layer: LayerName;
  file: string;
  /** Illustrative layers are produced separately; a missing optional file is skipped with a log line. */
  optional?: boolean;
  mapping: Mapping;
  dataset: DatasetMeta;
  transform?: ImportOptions['transform'];
  /** The source has invalid geometries (slivers, ring self-intersections) to repair with ST_MakeValid. */
  makeValid?: boolean;
};

const GEOKZ = {
  licence: 'CC BY 4.0',
  attribution: 'geokz (A. Rodionov); OCHA COD-AB',
  origin: 'R package geokz 1.0.2, github arodionoff/geokz @ 41c1a00',
  provenance: 'real',
} as const;
const GLOBAL_MAP = {
  licence: 'Global Map terms: non-commercial use only, with attribution',
  attribution: 'Global Map of Kazakhstan © ISCGM / Kartinform',
  origin: 'Global Map Kazakhstan 1.0, github globalmaps/gmkz10 @ 7ff35b2',
  provenance: 'real',
} as const;
// Licences of the derived files as geodata/README.md states them.
const ILLUSTRATIVE = { origin: 'npm run derive (scripts/derive-illustrative.ts); see geodata/README.md', provenance: 'illustrative' } as const;
const DERIVED_FROM_OSM = { ...ILLUSTRATIVE, licence: 'ODbL 1.0 (derived from OpenStreetMap)', attribution: '© OpenStreetMap contributors' } as const;
const DERIVED_FROM_OSM_AND_GLOBAL_MAP = {
  ...ILLUSTRATIVE,
  licence: 'Global Map terms (non-commercial use only) and ODbL 1.0',
  attribution: 'Global Map of Kazakhstan © ISCGM / Kartinform; © OpenStreetMap contributors',
} as const;

const TRACKS: Record<string, number> = { Single: 1, Double: 2 };

export const BUNDLED_SOURCES: readonly BundledSource[] = [
  {
    layer: 'admin1',
    file: 'kz_admin1.geojson.gz',
    mapping: { idColumn: 'ADM1_PCODE', fields: { kato: 'KATO', name_en: 'ADM1_EN', name_kk: 'ADM1_KK', name_ru: 'ADM1_RU' } },
    makeValid: true,
    dataset: { id: 'geokz-admin1-2024', title: 'Oblasts and cities of republican significance, 2024', ...GEOKZ },
  },
  {
    layer: 'admin2',
    file: 'kz_admin2.geojson.gz',
    mapping: {
      idColumn: 'ADM2_PCODE',
      fields: { admin1_id: 'ADM1_PCODE', kato: 'KATO', name_en: 'ADM2_EN', name_kk: 'ADM2_KK', name_ru: 'ADM2_RU' },
    },
    makeValid: true,
    dataset: { id: 'geokz-admin2-2024', title: 'Districts and cities of oblast significance, 2024', ...GEOKZ },
  },
  {
    layer: 'settlements',
    file: 'kz_settlements.geojson.gz',
    mapping: { idTemplate: 'osm:{osm_id}', fields: { admin1_id: 'adm1_pcode', admin2_id: 'adm2_pcode' } },
    // The OSM population tag is a real (if dated) figure; estimates come later from their own file.
    transform: (p) => ({ ...p, population_provenance: p.population === null || p.population === undefined ? null : 'real' }),
    dataset: {
      id: 'osm-settlements',
      title: 'OpenStreetMap place nodes in Kazakhstan',
      licence: 'ODbL 1.0',
      attribution: '© OpenStreetMap contributors',
      origin: 'HOT Export Tool / HDX hotosm_kaz_populated_places',
      provenance: 'real',
    },
  },
  {
    layer: 'roads',
    file: 'kz_roads.geojson.gz',
    mapping: { idTemplate: 'gm-road:{seg_id}' },
    dataset: { id: 'gmkz-roads', title: 'Roads 1:1,000,000 (Global Map Kazakhstan)', ...GLOBAL_MAP },
  },
  {
    layer: 'railways',
    file: 'kz_railways.geojson.gz',
    mapping: { idTemplate: 'gm-rail:{seg_id}' },
    // 'Multiple' and 'Unknown' give no count; the source text stays in properties.tracks_source.
    transform: (p) => ({ ...p, tracks: TRACKS[String(p.tracks)] ?? null, tracks_source: p.tracks }),
    dataset: { id: 'gmkz-railways', title: 'Railways (Global Map Kazakhstan)', ...GLOBAL_MAP },
  },
  {
    layer: 'facilities',
    file: 'illustrative_facilities.geojson.gz',
    optional: true,
    mapping: {},
    dataset: { id: 'illustrative-facilities', title: 'Schools, health points and libraries (illustrative)', ...DERIVED_FROM_OSM },
  },
  {
    layer: 'fibre_routes',
    file: 'illustrative_fibre_routes.geojson.gz',
    optional: true,
    mapping: {},
    dataset: { id: 'illustrative-fibre-routes', title: 'Fibre routes (illustrative)', ...DERIVED_FROM_OSM_AND_GLOBAL_MAP },
  },
  {
    layer: 'fibre_pops',
    file: 'illustrative_fibre_pops.geojson.gz',
    optional: true,
    mapping: {},
    dataset: { id: 'illustrative-fibre-pops', title: 'Fibre points of presence (illustrative)', ...DERIVED_FROM_OSM_AND_GLOBAL_MAP },
  },
  {
    layer: 'mobile_coverage',
    file: 'illustrative_mobile_coverage.geojson.gz',
    optional: true,
    mapping: {},
    dataset: { id: 'illustrative-mobile-coverage', title: 'Mobile coverage (illustrative)', ...DERIVED_FROM_OSM },
  },
];

/** Settlement updates applied after the layers, when their files exist. */
export const ESTIMATED_POPULATION_FILE = 'estimated_settlement_population.csv';
export const HUB_SETTLEMENTS_FILE = 'illustrative_hub_settlements.csv';
