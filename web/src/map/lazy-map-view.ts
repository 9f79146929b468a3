// The map view without waiting for MapLibre: the app (list, panels, plans) starts at once and the
// map library (~1 MB) arrives as its own chunk. Calls made before it is there are replayed in order;
// layer visibility is answered from the same defaults the real view starts with.
import type { Site } from '../api/types.ts';
import type { MapHandlers, MapView } from './map-view.ts';
import { DEFAULT_HIDDEN, type LayerGroup } from './style.ts';

type Pending = (v: MapView) => void;

export type LazyMapView = Omit<MapView, 'map' | 'ready'> & {
  /** The MapLibre map once loaded (undefined before). */
  readonly map: MapView['map'] | undefined;
  /** Resolves with the real view when the map chunk has loaded and the map is created. */
  loaded: Promise<MapView>;
  resize(): void;
};

/** The longest the map waits for `startAfter` (ms): a slow list must not hold the map back for good. */
export const MAP_WAIT_MS = 3000;

/**
 * `startAfter`: the map library is loaded once this settles (or after MAP_WAIT_MS): evaluating
 * MapLibre and creating its WebGL map take the main thread the ranked list needs for its first
 * rows, so the list goes first.
 */
export function createLazyMapView(container: HTMLElement, lang: string, handlers: MapHandlers, startAfter: Promise<unknown> = Promise.resolve()): LazyMapView {
  let real: MapView | null = null;
  const queue: Pending[] = [];
  const hidden = new Set<LayerGroup>(DEFAULT_HIDDEN);
  const call = (f: Pending) => (real ? f(real) : void queue.push(f));

  const go = Promise.race([startAfter.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, MAP_WAIT_MS))]);
  const loaded = go.then(() => import('./map-view.ts')).then(({ createMapView }) => {
    const v = createMapView(container, lang, handlers);
    real = v;
    for (const f of queue.splice(0)) f(v);
    return v;
  });

  return {
    get map() {
      return real?.map;
    },
    loaded,
    resize: () => call((v) => v.map.resize()),
    setLang: (l) => call((v) => v.setLang(l)),
    setGroupVisible(group, visible) {
      if (visible) hidden.delete(group);
      else hidden.add(group);
      call((v) => v.setGroupVisible(group, visible));
    },
    isGroupVisible: (group) => (real ? real.isGroupVisible(group) : !hidden.has(group)),
    setColourBy: (mode) => call((v) => v.setColourBy(mode)),
    select: (id, at) => call((v) => v.select(id, at)),
    setChosen: (ids) => call((v) => v.setChosen(ids)),
    setSites: (sites: Site[]) => call((v) => v.setSites(sites)),
    setSiteStatus: (id, status) => call((v) => v.setSiteStatus(id, status)),
    setStatusFilter: (status) => call((v) => v.setStatusFilter(status)),
    setTrenches: (data) => call((v) => v.setTrenches(data)),
    setFacilityFilter: (f) => call((v) => v.setFacilityFilter(f)),
    fitTo: (points) => call((v) => v.fitTo(points)),
    setMatches: (points) => call((v) => v.setMatches(points)),
  };
}
