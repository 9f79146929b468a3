// The catalogue of layers: what each holds, its table, geometry and attributes.
// Import, the layer API, OGC collections and tiles all read this one description.
export type GeometryKind = 'Point' | 'MultiLineString' | 'MultiPolygon';
export type FieldType = 'text' | 'integer' | 'number' | 'boolean';

export type FieldSpec = {
  name: string;
  type: FieldType;
  required?: boolean;
  /** Allowed values (for text fields). */
  values?: readonly string[];
  /** Minimum allowed value (for numbers). */
  min?: number;
  /** Value stored when the source gives none (the column is NOT NULL with this default). */
  default?: string | number | boolean;
};

export type LayerSpec = {
  name: LayerName;
  table: string;
  title: string;
  /** Stored geometry; a GeoJSON LineString/Polygon is promoted to its Multi form on import. */
  geometry: GeometryKind;
  fields: readonly FieldSpec[];
};

export const PROVENANCES = ['real', 'estimated', 'illustrative'] as const;
export type Provenance = (typeof PROVENANCES)[number];

export const FACILITY_KINDS = ['school', 'health', 'library', 'community', 'other'] as const;
export const CONNECTIONS = ['none', 'satellite', 'mobile', 'dsl', 'fibre', 'unknown'] as const;
export const MOBILE_TECHNOLOGIES = ['2G', '3G', '4G', '5G'] as const;

const names = { name: 'name', type: 'text' } as const;
const ru = { name: 'name_ru', type: 'text' } as const;
const kk = { name: 'name_kk', type: 'text' } as const;
const en = { name: 'name_en', type: 'text' } as const;

export const LAYERS = {
  admin1: {
    name: 'admin1', table: 'region_admin1', title: 'Oblasts and cities of republican significance', geometry: 'MultiPolygon',
    fields: [{ name: 'kato', type: 'text' }, { name: 'name_en', type: 'text', required: true }, kk, ru],
  },
  admin2: {
    name: 'admin2', table: 'region_admin2', title: 'Districts and cities of oblast significance', geometry: 'MultiPolygon',
    fields: [{ name: 'admin1_id', type: 'text' }, { name: 'kato', type: 'text' }, { name: 'name_en', type: 'text', required: true }, kk, ru],
  },
  settlements: {
    name: 'settlements', table: 'settlement', title: 'Settlements', geometry: 'Point',
    fields: [
      { name: 'kato', type: 'text' }, names, ru, kk, en, { name: 'place', type: 'text' },
      { name: 'population', type: 'integer', min: 0 },
      { name: 'population_provenance', type: 'text', values: PROVENANCES },
      { name: 'admin1_id', type: 'text' }, { name: 'admin2_id', type: 'text' },
      { name: 'is_hub', type: 'boolean', default: false },
    ],
  },
  facilities: {
    name: 'facilities', table: 'facility', title: 'Schools, health points and libraries', geometry: 'Point',
    fields: [
      { name: 'kind', type: 'text', required: true, values: FACILITY_KINDS }, { name: 'subkind', type: 'text' },
      names, ru, kk, en, { name: 'settlement_id', type: 'text' },
      { name: 'students', type: 'integer', min: 0 }, { name: 'staff', type: 'integer', min: 0 },
      { name: 'population_served', type: 'integer', min: 0 },
      { name: 'connection', type: 'text', values: CONNECTIONS, default: 'unknown' },
      { name: 'measured_mbps', type: 'number', min: 0 },
    ],
  },
  fibre_routes: {
    name: 'fibre_routes', table: 'fibre_route', title: 'Fibre routes', geometry: 'MultiLineString',
    fields: [
      { name: 'operator', type: 'text' }, { name: 'status', type: 'text', values: ['built', 'planned'], default: 'built' },
      { name: 'year', type: 'integer', min: 1990 }, { name: 'programme', type: 'text' },
    ],
  },
  fibre_pops: {
    name: 'fibre_pops', table: 'fibre_pop', title: 'Fibre points of presence', geometry: 'Point',
    fields: [
      { name: 'operator', type: 'text' }, { name: 'kind', type: 'text', values: ['olt', 'odf', 'splice', 'other'], default: 'other' },
      { name: 'settlement_id', type: 'text' },
    ],
  },
  mobile_coverage: {
    name: 'mobile_coverage', table: 'mobile_coverage', title: 'Mobile coverage', geometry: 'MultiPolygon',
    fields: [{ name: 'operator', type: 'text' }, { name: 'technology', type: 'text', required: true, values: MOBILE_TECHNOLOGIES }],
  },
  roads: {
    name: 'roads', table: 'road', title: 'Roads', geometry: 'MultiLineString',
    fields: [{ name: 'road_class', type: 'text' }],
  },
  railways: {
    name: 'railways', table: 'railway', title: 'Railways', geometry: 'MultiLineString',
    fields: [{ name: 'status', type: 'text' }, { name: 'tracks', type: 'integer', min: 0 }],
  },
} as const satisfies Record<string, Omit<LayerSpec, 'name'> & { name: string }>;

export type LayerName = keyof typeof LAYERS;
export const LAYER_NAMES = Object.keys(LAYERS) as LayerName[];

export function isLayerName(s: string): s is LayerName {
  return Object.hasOwn(LAYERS, s);
}

export function layerSpec(name: LayerName): LayerSpec {
  return LAYERS[name] as LayerSpec;
}
