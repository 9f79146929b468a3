// The app talks to the map before MapLibre has loaded: calls are kept and replayed in order once
// the map chunk is there, and layer switches answer from the defaults meanwhile.
import { describe, expect, it, vi } from 'vitest';

const calls: string[] = [];
vi.mock('../../web/src/map/map-view.ts', () => ({
  createMapView: () => {
    calls.push('create');
    const rec = (name: string) => (...args: unknown[]) => void calls.push(`${name} ${JSON.stringify(args)}`);
    return {
      map: { resize: rec('resize') }, ready: Promise.resolve(),
      setLang: rec('setLang'), setGroupVisible: rec('setGroupVisible'), isGroupVisible: () => true, setColourBy: rec('setColourBy'),
      select: rec('select'), setChosen: rec('setChosen'), setSites: rec('setSites'), setSiteStatus: rec('setSiteStatus'),
      setStatusFilter: rec('setStatusFilter'), setTrenches: rec('setTrenches'), setFacilityFilter: rec('setFacilityFilter'),
      fitTo: rec('fitTo'), setMatches: rec('setMatches'),
    };
  },
}));

describe('lazy map view', () => {
  it('replays calls made before the map loaded, in order, then forwards directly', async () => {
    const { createLazyMapView } = await import('../../web/src/map/lazy-map-view.ts');
    const view = createLazyMapView({} as HTMLElement, 'ru', { onFacility() {}, onSite() {} });
    expect(view.map).toBeUndefined();
    // Before the map: coverage and roads start hidden, like the real view.
    expect(view.isGroupVisible('coverage')).toBe(false);
    expect(view.isGroupVisible('facilities')).toBe(true);
    view.setGroupVisible('facilities', false);
    expect(view.isGroupVisible('facilities')).toBe(false);
    view.setLang('kk');
    view.fitTo([[70, 50]]);
    await view.loaded;
    expect(calls).toEqual(['create', 'setGroupVisible ["facilities",false]', 'setLang ["kk"]', 'fitTo [[[70,50]]]']);
    view.select('f-1');
    expect(calls.at(-1)).toBe('select ["f-1",null]'); // undefined `at` passes through
    expect(view.map).toBeDefined();
  });

  it('loads the map library only once the list is shown (startAfter), so the first rows do not wait for it', async () => {
    const { createLazyMapView } = await import('../../web/src/map/lazy-map-view.ts');
    calls.length = 0;
    let listShown: () => void = () => {};
    const view = createLazyMapView({} as HTMLElement, 'ru', { onFacility() {}, onSite() {} }, new Promise<void>((resolve) => { listShown = resolve; }));
    view.setLang('en');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toEqual([]);
    listShown();
    await view.loaded;
    expect(calls).toEqual(['create', 'setLang ["en"]']);
  });
});
