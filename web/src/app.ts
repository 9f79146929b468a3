// The main application: header (views, language, live indicator), ranked list, map with legend,
// facility panel and plans. Wiring only; each part lives in map/ or panels/.
import { NotAvailable, api } from './api/client.ts';
import type { GapItem, Site, SiteStatus } from './api/types.ts';
import { clear, h } from './dom.ts';
import { LANGS, LANG_NAMES, lang, onLangChange, setLang, t, tOr, type Lang } from './i18n/index.ts';
import { renderLegend, type LegendState } from './map/legend.ts';
import { createMapView } from './map/map-view.ts';
import { createFacilityPanel } from './panels/facility-panel.ts';
import { connectLive } from './panels/live.ts';
import { createPlansView } from './panels/plans-view.ts';
import { createRankedList } from './panels/ranked-list.ts';
import { signOut, type Me } from './panels/sign-in.ts';

type ViewName = 'map' | 'plans';

export function mountApp(root: HTMLElement, me: Me): void {
  const titleEl = h('h1', { class: 'brand' });
  const tabs = h('div', { role: 'tablist', class: 'tabs' });
  const liveEl = h('span', { class: 'live', 'data-live': 'off' });
  const langSelect = h('select', { id: 'lang', onchange: (e: Event) => setLang((e.target as HTMLSelectElement).value as Lang) },
    ...LANGS.map((l) => h('option', { value: l, lang: l, selected: l === lang() }, LANG_NAMES[l])));
  const langLabel = h('label', { for: 'lang', class: 'sr-only' });
  const userEl = h('span', { class: 'user' });
  const header = h('header', { class: 'topbar' }, titleEl, tabs, liveEl, userEl, h('span', { class: 'lang' }, langLabel, langSelect));

  const sidebar = h('aside', { class: 'sidebar', id: 'view-map', role: 'tabpanel', 'aria-labelledby': 'tab-map' });
  const plansEl = h('section', { class: 'sidebar plans', id: 'view-plans', role: 'tabpanel', 'aria-labelledby': 'tab-plans', hidden: true });
  const mapEl = h('div', { id: 'map', class: 'map' });
  const legendEl = h('div', { class: 'legend', id: 'legend', role: 'region', 'aria-labelledby': 'legend-title' });
  const panelEl = h('aside', { class: 'panel', id: 'facility-panel', role: 'region', 'aria-labelledby': 'panel-title', hidden: true });
  const announcer = h('div', { class: 'sr-only', 'aria-live': 'polite', id: 'announcer' });
  clear(root, header, h('div', { class: 'layout' }, sidebar, plansEl, h('main', { class: 'map-wrap' }, mapEl, legendEl), panelEl), announcer);

  let sites: Site[] = [];
  const siteByFacility = () => new Map(sites.filter((s) => s.facilityId).map((s) => [s.facilityId!, s]));

  const view = createMapView(mapEl, lang(), {
    onFacility: (id) => void openFacility(id, undefined, false),
    onSite: (site) => {
      if (site.facilityId) void openFacility(site.facilityId, undefined, false);
    },
  });
  if (__E2E__) (window as unknown as { __map: unknown }).__map = view.map;

  const legend: LegendState = { illustrative: false, unavailable: new Set(['trenches']), colourBy: 'class' };
  const drawLegend = () => renderLegend(legendEl, view, legend);

  const panel = createFacilityPanel(panelEl, {
    onClose: () => {
      view.select(null);
      view.setTrenches({ type: 'FeatureCollection', features: [] });
      list.select(null);
      (sidebar.querySelector('[role="option"][tabindex="0"]') as HTMLElement | null)?.focus();
    },
    siteFor: (facilityId) => siteByFacility().get(facilityId),
    onTrench: (trench, available) => {
      view.setTrenches({ type: 'FeatureCollection', features: trench ? [trench] : [] });
      if (available && legend.unavailable.delete('trenches')) drawLegend();
    },
  });

  const list = createRankedList(sidebar, {
    onOpen: (item) => void openFacility(item.facilityId, item, true),
    onStatusFilter: (s) => view.setStatusFilter(s),
  });

  const plans = createPlansView(plansEl, {
    onChosen: (ids) => view.setChosen(ids),
    onOpenFacility: (id) => void openFacility(id, undefined, true),
  });

  async function openFacility(id: string, item: GapItem | undefined, fly: boolean) {
    const known = item ?? list.items().find((i) => i.facilityId === id);
    list.select(id);
    view.select(id, fly && known ? [known.lon, known.lat] : undefined);
    await panel.open(id, known);
  }

  let current: ViewName = location.pathname.startsWith('/plans') ? 'plans' : 'map';
  function showView(name: ViewName, push = true) {
    current = name;
    sidebar.hidden = name !== 'map';
    plansEl.hidden = name !== 'plans';
    if (push && location.pathname !== (name === 'plans' ? '/plans' : '/')) history.pushState({}, '', name === 'plans' ? '/plans' : '/');
    if (name === 'plans') void plans.show();
    drawTabs();
    view.map.resize();
  }
  function drawTabs() {
    const tab = (name: ViewName, key: 'nav.map' | 'nav.plans') => h('button', {
      type: 'button', role: 'tab', id: `tab-${name}`, 'aria-controls': `view-${name}`,
      'aria-selected': current === name ? 'true' : 'false', tabindex: current === name ? 0 : -1,
      onclick: () => showView(name),
      onkeydown: (e: KeyboardEvent) => {
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
          const next = current === 'map' ? 'plans' : 'map';
          showView(next);
          (tabs.querySelector(`#tab-${next}`) as HTMLElement | null)?.focus();
        }
      },
    }, t(key));
    tabs.setAttribute('aria-label', t('nav.label'));
    clear(tabs, tab('map', 'nav.map'), tab('plans', 'nav.plans'));
  }
  window.addEventListener('popstate', () => showView(location.pathname.startsWith('/plans') ? 'plans' : 'map', false));

  function drawHeader() {
    clear(titleEl, t('app.title'), h('small', {}, t('app.tagline')));
    langLabel.textContent = t('lang.label');
    liveEl.textContent = liveEl.dataset.live === 'on' ? `● ${t('live.on')}` : `○ ${t('live.off')}`;
    document.title = `${t('app.title')} — ${t('app.tagline')}`;
    if (me?.user) clear(userEl, me.user.displayName ?? me.user.email ?? '', h('button', { type: 'button', class: 'link', onclick: () => void signOut() }, t('login.signOut')));
    drawTabs();
  }

  onLangChange((l) => {
    langSelect.value = l;
    drawHeader();
    drawLegend();
    list.render();
    panel.rerender();
    plans.rerender();
    view.setLang(l);
  });

  // Data that decorates the map: layer provenance, monitored sites, live status.
  void api.layers().then(({ layers }) => {
    legend.illustrative = layers.some((l) => l.provenance.includes('illustrative'));
    const empty = (name: string) => (layers.find((l) => l.name === name)?.count ?? 0) === 0;
    if (empty('fibre_routes')) legend.unavailable.add('fibre');
    if (empty('fibre_pops')) legend.unavailable.add('pops');
    if (empty('mobile_coverage')) legend.unavailable.add('coverage');
    drawLegend();
  }).catch(() => drawLegend());

  // Shared trenches exist when the server answers the trench route (a 404 for a made-up settlement).
  void api.trench('-').then(() => {
    legend.unavailable.delete('trenches');
    drawLegend();
  }).catch(() => { /* stays "not available on this server" */ });

  void api.sites().then(({ items }) => {
    sites = items;
    view.setSites(items);
    list.setSiteStatuses(new Map(items.filter((s) => s.facilityId).map((s) => [s.facilityId!, s.status])));
    connectLive((ev) => {
      const site = sites.find((s) => s.id === ev.siteId);
      if (!site) return;
      site.status = ev.status as SiteStatus;
      view.setSiteStatus(ev.siteId, ev.status);
      list.setSiteStatuses(new Map(sites.filter((s) => s.facilityId).map((s) => [s.facilityId!, s.status])));
      if (panel.currentId() === site.facilityId) panel.rerender();
      announcer.textContent = t('live.changed', { site: site.name, status: tOr(`status.${ev.status}`, 'status.unknown') });
    }, (on) => {
      liveEl.dataset.live = on ? 'on' : 'off';
      drawHeader();
    });
  }).catch((e) => {
    if (e instanceof NotAvailable) legend.unavailable.add('sites');
    liveEl.hidden = true;
    view.setGroupVisible('sites', false);
    drawLegend();
  });

  drawHeader();
  drawLegend();
  showView(current, false);
  void list.reload();
}
