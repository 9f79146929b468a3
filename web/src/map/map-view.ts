// The MapLibre map: creation (self-hosted worker, local glyphs), layer toggles, language of labels,
// selection and plan highlights, monitored sites. Views talk to it only through MapView.
import * as maplibregl from 'maplibre-gl';
import type { ExpressionSpecification, GeoJSONSource, MapGeoJSONFeature } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Site } from '../api/types.ts';
import { t } from '../i18n/index.ts';
import { STATUSES } from './palette.ts';
import { statusIcon } from './status-icons.ts';
import { BY_CLASS, BY_TECHNOLOGY, DEFAULT_HIDDEN, LAYER_GROUPS, buildStyle, nameExpression, type LayerGroup } from './style.ts';

maplibregl.setWorkerUrl(workerUrl);
// Start the tile workers while the page still signs in and fetches its first API answers.
maplibregl.prewarm();

// Kazakhstan, with a little margin.
export const KZ_BOUNDS: [[number, number], [number, number]] = [[46.2, 40.3], [87.6, 55.6]];

export type MapHandlers = {
  onFacility(id: string): void;
  onSite(site: Site): void;
};

export type MapView = {
  map: maplibregl.Map;
  ready: Promise<void>;
  setLang(lang: string): void;
  setGroupVisible(group: LayerGroup, visible: boolean): void;
  isGroupVisible(group: LayerGroup): boolean;
  setColourBy(mode: 'class' | 'technology'): void;
  select(id: string | null, at?: [number, number]): void;
  setChosen(ids: string[]): void;
  setSites(sites: Site[]): void;
  setSiteStatus(siteId: string, status: string): void;
  setStatusFilter(status: string | null): void;
  setTrenches(data: GeoJSON.FeatureCollection): void;
  /** Shows only the facilities of this kind, gap class and technology (empty = any). */
  setFacilityFilter(f: { kind?: string; gapClass?: string; technology?: string }): void;
  /** Frames these points (the matches of a search or a region filter). */
  fitTo(points: Array<[number, number]>): void;
  /** Rings the facilities the list shows while a filter or search is on (empty: none). */
  setMatches(points: Array<{ id: string; lon: number; lat: number }>): void;
};

/** Who the map's data come from: the licences (ODbL, Global Map, CC BY) require it, offline too. */
export const ATTRIBUTION_SOURCES = '© OpenStreetMap contributors (ODbL) · Global Map of Kazakhstan © ISCGM / Kartinform · geokz / OCHA COD-AB (CC BY 4.0)';

/** MapLibre's own words (control titles, scale units) in the current language. */
function uiStrings(): Record<string, string> {
  return {
    'NavigationControl.ZoomIn': t('map.zoomIn'),
    'NavigationControl.ZoomOut': t('map.zoomOut'),
    'NavigationControl.ResetBearing': t('map.resetNorth'),
    'ScaleControl.Kilometers': t('map.kilometres'),
    'ScaleControl.Meters': t('map.metres'),
    'AttributionControl.ToggleAttribution': t('map.toggleAttribution'),
  };
}

export function createMapView(container: HTMLElement, lang: string, handlers: MapHandlers): MapView {
  const map = new maplibregl.Map({
    container,
    style: buildStyle(location.origin, lang),
    bounds: KZ_BOUNDS,
    // Leave room for the legend on the left.
    fitBoundsOptions: { padding: { left: window.innerWidth > 900 ? 270 : 10, top: 10, right: 10, bottom: 10 } },
    maxZoom: 16,
    attributionControl: false,
    // No glyph server: every glyph is drawn locally from the browser's fonts.
    localIdeographFontFamily: 'sans-serif',
    locale: uiStrings(),
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  let scale = new maplibregl.ScaleControl({ unit: 'metric' });
  map.addControl(scale, 'bottom-right');
  let attribution = new maplibregl.AttributionControl({ compact: true, customAttribution: [ATTRIBUTION_SOURCES, t('map.illustrativeNote')] });
  map.addControl(attribution, 'bottom-right');
  // On a phone the sources fold behind the (i) button instead of covering the map.
  const foldAttribution = () => {
    if (container.clientWidth < 700) container.querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
  };
  map.once('load', foldAttribution);
  map.getCanvas().setAttribute('aria-label', t('map.label'));

  for (const s of STATUSES) map.addImage(`status-${s}`, statusIcon(s, 2), { pixelRatio: 2 });

  const hidden = new Set<LayerGroup>(DEFAULT_HIDDEN);
  let sites: Site[] = [];
  let statusFilter: string | null = null;
  let selected: string | null = null;
  let chosen: string[] = [];

  const ready = new Promise<void>((resolve) => map.once('load', () => resolve()));
  void ready.then(() => {
    for (const g of hidden) applyVisibility(g);
  });

  function applyVisibility(group: LayerGroup) {
    for (const id of LAYER_GROUPS[group]) {
      if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', hidden.has(group) ? 'none' : 'visible');
    }
  }

  function sitesData(): GeoJSON.FeatureCollection {
    return {
      type: 'FeatureCollection',
      features: sites
        .filter((s) => Number.isFinite(s.lon) && Number.isFinite(s.lat))
        .filter((s) => !statusFilter || s.status === statusFilter)
        .map((s) => ({
          type: 'Feature', id: s.id,
          geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
          properties: { id: s.id, status: s.status, facilityId: s.facilityId, name: s.name },
        })),
    };
  }
  const refreshSites = () => (map.getSource('sites') as GeoJSONSource | undefined)?.setData(sitesData());

  // Clicks: a cluster zooms in, a site or a facility opens its panel.
  map.on('click', (e) => {
    const hits: MapGeoJSONFeature[] = map.queryRenderedFeatures(e.point, { layers: ['sites', 'facilities', 'facility-clusters'].filter((l) => map.getLayer(l)) });
    const hit = hits[0];
    if (!hit) return;
    if (hit.layer.id === 'facility-clusters') {
      map.easeTo({ center: e.lngLat, zoom: Math.min(map.getZoom() + 2.5, 14) });
    } else if (hit.layer.id === 'sites') {
      const site = sites.find((s) => s.id === hit.properties.id);
      if (site) handlers.onSite(site);
    } else {
      handlers.onFacility(String(hit.properties.id));
    }
  });
  for (const layer of ['sites', 'facilities', 'facility-clusters']) {
    map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
  }

  const facilityState = (id: string, state: Record<string, boolean>) =>
    map.setFeatureState({ source: 'facilities', sourceLayer: 'facilities', id }, state);

  return {
    map,
    ready,
    setLang(lang) {
      for (const id of ['admin1-label', 'admin2-label', 'settlement-label', 'facility-label']) {
        if (map.getLayer(id)) map.setLayoutProperty(id, 'text-field', nameExpression(lang));
      }
      map.getCanvas().setAttribute('aria-label', t('map.label'));
      // MapLibre reads its words once: give it the new ones, and relabel what is already drawn.
      const ui = (map as unknown as { _locale?: Record<string, string> })._locale;
      if (ui) Object.assign(ui, uiStrings());
      for (const [cls, key] of [['zoom-in', 'map.zoomIn'], ['zoom-out', 'map.zoomOut'], ['compass', 'map.resetNorth']] as const) {
        const btn = container.querySelector(`.maplibregl-ctrl-${cls}`);
        if (btn) {
          btn.setAttribute('title', t(key));
          btn.setAttribute('aria-label', t(key));
        }
      }
      map.removeControl(scale);
      scale = new maplibregl.ScaleControl({ unit: 'metric' });
      map.addControl(scale, 'bottom-right');
      map.removeControl(attribution);
      attribution = new maplibregl.AttributionControl({ compact: true, customAttribution: [ATTRIBUTION_SOURCES, t('map.illustrativeNote')] });
      map.addControl(attribution, 'bottom-right');
      foldAttribution();
    },
    setGroupVisible(group, visible) {
      if (visible) hidden.delete(group);
      else hidden.add(group);
      if (map.isStyleLoaded()) applyVisibility(group);
      else void ready.then(() => applyVisibility(group));
    },
    isGroupVisible: (group) => !hidden.has(group),
    setColourBy(mode) {
      map.setPaintProperty('facilities', 'circle-color', mode === 'technology' ? BY_TECHNOLOGY : BY_CLASS);
    },
    select(id, at) {
      if (selected) facilityState(selected, { selected: false });
      selected = id;
      if (id) facilityState(id, { selected: true });
      if (at) map.flyTo({ center: at, zoom: Math.max(map.getZoom(), 11), speed: 1.6, essential: true });
    },
    setChosen(ids) {
      for (const id of chosen) facilityState(id, { chosen: false });
      chosen = ids;
      for (const id of chosen) facilityState(id, { chosen: true });
    },
    setSites(next) {
      sites = next;
      void ready.then(refreshSites);
    },
    setSiteStatus(siteId, status) {
      const s = sites.find((x) => x.id === siteId);
      if (!s) return;
      s.status = status as Site['status'];
      refreshSites();
    },
    setStatusFilter(status) {
      statusFilter = status;
      refreshSites();
    },
    setFacilityFilter(f) {
      const conds: ExpressionSpecification[] = [['!=', ['get', 'cluster'], true]];
      if (f.kind) conds.push(['==', ['get', 'kind'], f.kind]);
      if (f.gapClass) conds.push(['==', ['get', 'gap_class'], f.gapClass]);
      if (f.technology) conds.push(['==', ['get', 'technology'], f.technology]);
      const filtered = conds.length > 1;
      void ready.then(() => {
        for (const id of ['facilities', 'facility-label']) if (map.getLayer(id)) map.setFilter(id, ['all', ...conds]);
        // Clusters count every facility: faded while a filter is on; the matches are drawn on top.
        if (map.getLayer('facility-clusters')) map.setPaintProperty('facility-clusters', 'circle-opacity', filtered ? 0.25 : 1);
        if (map.getLayer('facility-cluster-count')) map.setPaintProperty('facility-cluster-count', 'text-opacity', filtered ? 0.35 : 1);
      });
    },
    setMatches(points) {
      const data: GeoJSON.FeatureCollection = {
        type: 'FeatureCollection',
        features: points.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { id: p.id } })),
      };
      void ready.then(() => {
        const src = map.getSource('matches') as GeoJSONSource | undefined;
        if (src) return src.setData(data);
        map.addSource('matches', { type: 'geojson', data });
        map.addLayer({
          id: 'matches', type: 'circle', source: 'matches',
          paint: { 'circle-radius': 7, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#111', 'circle-stroke-width': 2.5 },
        }, map.getLayer('sites') ? 'sites' : undefined);
      });
    },
    fitTo(points) {
      const ok = points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
      if (!ok.length) return;
      const b = new maplibregl.LngLatBounds(ok[0], ok[0]);
      for (const p of ok) b.extend(p);
      void ready.then(() => map.fitBounds(b, { padding: 60, maxZoom: 11, duration: 600 }));
    },
    setTrenches(data) {
      void ready.then(() => (map.getSource('trenches') as GeoJSONSource | undefined)?.setData(data));
    },
  };
}
