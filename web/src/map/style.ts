// The map style: only the server's own vector tiles, no glyph, sprite or font URL. With no `glyphs`
// in the style MapLibre draws label glyphs locally (TinySDF) with the browser's fonts, which on every
// supported system cover Cyrillic and the Kazakh letters Ә Ғ Қ Ң Ө Ұ Ү Һ І.
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { TILE_LAYER_NAMES } from '../../../server/src/http/tile-layers.ts';
import { COVERAGE_COLOURS, FIBRE_COLOUR, GAP_COLOURS, TECH_COLOURS } from './palette.ts';

// One vector source per tile layer of the server's tile catalogue (server/src/http/tile-layers.ts).
const TILE_SOURCES = TILE_LAYER_NAMES;

export const LABEL_FONT = ['DejaVu Sans', 'Noto Sans', 'Arial', 'sans-serif'];

/** Layer groups the legend switches on and off, in the legend's order; each is named `layer.<group>`. */
export const LAYER_GROUPS = {
  facilities: ['facility-clusters', 'facility-cluster-count', 'facilities', 'facility-label'],
  sites: ['sites'],
  fibre: ['fibre-routes'],
  pops: ['fibre-pops'],
  trenches: ['trenches'],
  coverage: ['coverage-fill'],
  settlements: ['settlements', 'settlement-label'],
  admin: ['admin1-fill', 'admin2-line', 'admin1-line', 'admin1-label', 'admin2-label'],
  roads: ['roads'],
  railways: ['railways'],
} as const;
export type LayerGroup = keyof typeof LAYER_GROUPS;
export const DEFAULT_HIDDEN: LayerGroup[] = ['coverage', 'roads'];

export function nameExpression(lang: string): ExpressionSpecification {
  return ['coalesce', ['get', `name_${lang}`], ['get', 'name_ru'], ['get', 'name'], ['get', 'name_en'], ''];
}

export function matchColour(prop: string, colours: Record<string, string>): ExpressionSpecification {
  const pairs: string[] = [];
  for (const [k, v] of Object.entries(colours)) if (k !== 'unknown') pairs.push(k, v);
  return ['match', ['coalesce', ['get', prop], 'unknown'], ...pairs, colours.unknown ?? '#888'] as unknown as ExpressionSpecification;
}

export const BY_CLASS = matchColour('gap_class', GAP_COLOURS);
export const BY_TECHNOLOGY = matchColour('technology', TECH_COLOURS);

export function buildStyle(origin: string, lang: string): StyleSpecification {
  const sources: StyleSpecification['sources'] = {};
  for (const s of TILE_SOURCES) {
    sources[s] = {
      type: 'vector',
      tiles: [`${origin}/tiles/${s}/{z}/{x}/{y}.pbf`],
      minzoom: 0,
      maxzoom: 14,
      promoteId: 'id',
      attribution: '',
    };
  }
  sources.sites = { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' };
  sources.trenches = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };

  const label = (id: string, source: string, minzoom: number, size: number, extra: Partial<LayerSpecification> = {}): LayerSpecification => ({
    id, type: 'symbol', source, 'source-layer': source, minzoom,
    layout: {
      'text-field': nameExpression(lang),
      'text-font': LABEL_FONT,
      'text-size': size,
      'text-max-width': 8,
      'text-padding': 4,
    },
    paint: { 'text-color': '#2b3640', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.4 },
    ...extra,
  } as LayerSpecification);

  const priorityRadius: ExpressionSpecification = [
    'interpolate', ['linear'], ['zoom'],
    9, ['+', 3, ['*', 5, ['coalesce', ['get', 'priority'], 0.3]]],
    14, ['+', 5, ['*', 9, ['coalesce', ['get', 'priority'], 0.3]]],
  ];

  const layers: LayerSpecification[] = [
    { id: 'background', type: 'background', paint: { 'background-color': '#dfe8ec' } },
    { id: 'admin1-fill', type: 'fill', source: 'admin1', 'source-layer': 'admin1', paint: { 'fill-color': '#f7f6f1' } },
    {
      id: 'coverage-fill', type: 'fill', source: 'mobile_coverage', 'source-layer': 'mobile_coverage',
      paint: { 'fill-color': matchColour('technology', { ...COVERAGE_COLOURS, unknown: '#cccccc' }), 'fill-opacity': 0.25 },
    },
    {
      id: 'admin2-line', type: 'line', source: 'admin2', 'source-layer': 'admin2', minzoom: 5,
      paint: { 'line-color': '#a8b3bb', 'line-width': 0.6, 'line-dasharray': [3, 2] },
    },
    { id: 'admin1-line', type: 'line', source: 'admin1', 'source-layer': 'admin1', paint: { 'line-color': '#66727c', 'line-width': 1.1 } },
    {
      id: 'roads', type: 'line', source: 'roads', 'source-layer': 'roads', minzoom: 4,
      paint: { 'line-color': '#c9a66b', 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.5, 12, 2] },
    },
    {
      id: 'railways', type: 'line', source: 'railways', 'source-layer': 'railways',
      paint: { 'line-color': '#4d4d4d', 'line-width': 1, 'line-dasharray': [3, 3] },
    },
    {
      id: 'fibre-routes', type: 'line', source: 'fibre_routes', 'source-layer': 'fibre_routes',
      paint: {
        'line-color': FIBRE_COLOUR,
        'line-width': ['interpolate', ['linear'], ['zoom'], 4, 1.4, 12, 3.5],
        'line-opacity': ['case', ['==', ['get', 'status'], 'planned'], 0.55, 0.95],
      },
    },
    {
      id: 'trenches', type: 'line', source: 'trenches',
      paint: { 'line-color': '#000000', 'line-width': 2.5, 'line-dasharray': [1, 1] },
    },
    {
      id: 'fibre-pops', type: 'circle', source: 'fibre_pops', 'source-layer': 'fibre_pops', minzoom: 5,
      paint: {
        'circle-color': '#ffffff', 'circle-stroke-color': FIBRE_COLOUR, 'circle-stroke-width': 2,
        'circle-radius': ['case', ['has', 'point_count'], ['min', 9, ['+', 3, ['sqrt', ['get', 'point_count']]]], 3.5],
      },
    },
    {
      id: 'settlements', type: 'circle', source: 'settlements', 'source-layer': 'settlements',
      paint: {
        'circle-color': '#55606a',
        'circle-radius': ['interpolate', ['linear'], ['zoom'],
          4, ['match', ['get', 'place'], 'city', 3.5, 'town', 2.5, 1],
          12, ['match', ['get', 'place'], 'city', 6, 'town', 5, 3]],
        'circle-opacity': 0.8,
      },
    },
    {
      id: 'facility-clusters', type: 'circle', source: 'facilities', 'source-layer': 'facilities',
      filter: ['==', ['get', 'cluster'], true],
      paint: {
        'circle-color': '#3b4a57',
        'circle-opacity': 0.82,
        'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5,
        'circle-radius': ['interpolate', ['linear'], ['get', 'point_count'], 2, 7, 50, 11, 1000, 17, 10000, 24],
      },
    },
    {
      id: 'facilities', type: 'circle', source: 'facilities', 'source-layer': 'facilities',
      filter: ['!=', ['get', 'cluster'], true],
      paint: {
        'circle-color': BY_CLASS,
        'circle-radius': priorityRadius,
        'circle-stroke-color': ['case', ['boolean', ['feature-state', 'selected'], false], '#000000', '#ffffff'],
        'circle-stroke-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3, ['boolean', ['feature-state', 'chosen'], false], 2.5, 1],
      },
    },
    {
      id: 'sites', type: 'symbol', source: 'sites',
      layout: {
        'icon-image': ['concat', 'status-', ['coalesce', ['get', 'status'], 'unknown']],
        'icon-size': ['interpolate', ['linear'], ['zoom'], 4, 0.7, 12, 1.1],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
    },
    label('settlement-label', 'settlements', 6, 11, {
      layout: {
        'text-field': nameExpression(lang), 'text-font': LABEL_FONT, 'text-size': ['match', ['get', 'place'], 'city', 13, 11],
        'text-offset': [0, 0.9], 'text-anchor': 'top', 'text-max-width': 8, 'text-optional': true,
        'symbol-sort-key': ['-', 0, ['coalesce', ['get', 'population'], 0]],
      },
    } as Partial<LayerSpecification>),
    {
      id: 'facility-cluster-count', type: 'symbol', source: 'facilities', 'source-layer': 'facilities',
      filter: ['==', ['get', 'cluster'], true],
      layout: {
        'text-field': ['to-string', ['get', 'point_count']], 'text-font': LABEL_FONT, 'text-size': 11,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
    label('facility-label', 'facilities', 12, 11, {
      filter: ['!=', ['get', 'cluster'], true],
      layout: {
        'text-field': nameExpression(lang), 'text-font': LABEL_FONT, 'text-size': 11,
        'text-offset': [0, 1.1], 'text-anchor': 'top', 'text-max-width': 10, 'text-optional': true,
      },
    } as Partial<LayerSpecification>),
    // Region names last: the top symbol layer is placed first, so they win collisions.
    label('admin1-label', 'admin1_labels', 3, 13, { maxzoom: 8 } as Partial<LayerSpecification>),
    label('admin2-label', 'admin2_labels', 7, 11, { maxzoom: 10 } as Partial<LayerSpecification>),
  ];
  return { version: 8, sources, layers };
}
