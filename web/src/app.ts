// The main application: header (views, language, live indicator), ranked list, map with legend,
// facility panel and plans. Wiring only; each part lives in map/ or panels/.
import { NotAvailable, api } from './api/client.ts';
import { errorText } from './api/errors.ts';
import type { GapItem, Site, SiteStatus } from './api/types.ts';
import { clear, h } from './dom.ts';
import { LANGS, LANG_NAMES, lang, onLangChange, setLang, t, tOr, type Lang, type MessageKey } from './i18n/index.ts';
import { renderLegend, type LegendState } from './map/legend.ts';
import type { LayerGroup } from './map/style.ts';
import { createLazyMapView } from './map/lazy-map-view.ts';
import { createFacilityPanel } from './panels/facility-panel.ts';
import { connectLive } from './panels/live.ts';
import { createAccountView } from './panels/account-view.ts';
import { createMySites } from './panels/my-sites.ts';
import { createPlansView } from './panels/plans-view.ts';
import { createPppView } from './panels/ppp-view.ts';
import { createRankedList } from './panels/ranked-list.ts';
import { signOut, type Me } from './panels/sign-in.ts';

type ViewName = 'map' | 'plans' | 'ppp' | 'account';
const PATHS: Record<ViewName, string> = { map: '/', plans: '/plans', ppp: '/ppp', account: '/account' };
const TAB_KEYS: Record<ViewName, MessageKey> = { map: 'nav.map', plans: 'nav.plans', ppp: 'nav.ppp', account: 'nav.account' };

/** What a role can use in the app (the server's access policy decides; this only hides what it refuses). */
export function abilities(role: string | undefined) {
  const r = role ?? 'admin'; // a server without accounts lets everyone do everything
  const staff = r === 'admin' || r === 'planner';
  return {
    /** Ranked gaps, facility explanations, plans and the PPP view. */
    readsPlans: staff || r === 'partner',
    /** Create, edit and run scenarios. */
    editsPlans: staff,
    /** A site account sees its own monitored links only. */
    siteOnly: r === 'site',
  };
}

export function mountApp(root: HTMLElement, me: Me): void {
  const can = abilities(me?.role);
  const views: ViewName[] = [...(can.readsPlans ? ['map', 'plans', 'ppp'] as const : ['map'] as const), ...(me?.user ? ['account'] as const : [])];
  const titleEl = h('h1', { class: 'brand' });
  const tabs = h('div', { role: 'tablist', class: 'tabs' });
  const liveEl = h('span', { class: 'live', 'data-live': 'off' });
  const langSelect = h('select', { id: 'lang', onchange: (e: Event) => setLang((e.target as HTMLSelectElement).value as Lang) },
    ...LANGS.map((l) => h('option', { value: l, lang: l, selected: l === lang() }, LANG_NAMES[l])));
  const langLabel = h('label', { for: 'lang', class: 'sr-only' });
  const userEl = h('span', { class: 'user' });
  // On a phone the list and the map share the screen; this button gives the map all of it.
  const listToggle = h('button', {
    type: 'button', class: 'list-toggle', 'aria-controls': 'view-map', 'aria-expanded': 'true',
    onclick: () => {
      const open = root.classList.toggle('list-folded');
      listToggle.setAttribute('aria-expanded', open ? 'false' : 'true');
      drawHeader();
      view.resize();
    },
  });
  const header = h('header', { class: 'topbar' }, titleEl, tabs, listToggle, liveEl, userEl, h('span', { class: 'lang' }, langLabel, langSelect));

  const sidebar = h('aside', { class: 'sidebar', id: 'view-map', role: 'tabpanel', 'aria-labelledby': 'tab-map' });
  const plansEl = h('section', { class: 'sidebar plans', id: 'view-plans', role: 'tabpanel', 'aria-labelledby': 'tab-plans', hidden: true });
  const pppEl = h('section', { class: 'sidebar plans', id: 'view-ppp', role: 'tabpanel', 'aria-labelledby': 'tab-ppp', hidden: true });
  const accountEl = h('section', { class: 'sidebar plans account', id: 'view-account', role: 'tabpanel', 'aria-labelledby': 'tab-account', hidden: true });
  const mapEl = h('div', { id: 'map', class: 'map' });
  const legendEl = h('div', { class: 'legend', id: 'legend', role: 'region', 'aria-labelledby': 'legend-title' });
  const panelEl = h('aside', { class: 'panel', id: 'facility-panel', role: 'region', 'aria-labelledby': 'panel-title', hidden: true });
  const announcer = h('div', { class: 'sr-only', 'aria-live': 'polite', id: 'announcer' });
  clear(root, header, h('div', { class: 'layout' }, sidebar, plansEl, pppEl, accountEl, h('main', { class: 'map-wrap' }, mapEl, legendEl), panelEl), announcer);

  let sites: Site[] = [];
  const siteByFacility = () => new Map(sites.filter((s) => s.facilityId).map((s) => [s.facilityId!, s]));

  // The first rows of the ranking are shown before MapLibre takes the main thread (lazy-map-view).
  let listShown: () => void = () => {};
  const firstList = new Promise<void>((resolve) => { listShown = resolve; });
  const view = createLazyMapView(mapEl, lang(), {
    onFacility: (id) => {
      if (can.readsPlans) void openFacility(id, undefined, false);
    },
    onSite: (site) => {
      if (can.siteOnly) panel.openSite(site);
      else if (site.facilityId) void openFacility(site.facilityId, undefined, false);
    },
  }, can.readsPlans ? firstList : undefined);
  if (__E2E__) void view.loaded.then((v) => { (window as unknown as { __map: unknown }).__map = v.map; });

  const legend: LegendState & { hidden: Set<LayerGroup> } = { illustrative: false, unavailable: new Set(['trenches']), colourBy: 'class', hidden: new Set() };
  if (!can.readsPlans) {
    // A site account sees no planning data: those layers are not offered at all.
    for (const g of ['facilities', 'trenches', 'fibre', 'pops', 'coverage'] as const) {
      legend.hidden.add(g);
      view.setGroupVisible(g, false);
    }
  }
  const drawLegend = () => renderLegend(legendEl, view, legend);

  const panel = createFacilityPanel(panelEl, {
    scoped: me?.role === 'partner',
    onClose: () => {
      view.select(null);
      view.setTrenches({ type: 'FeatureCollection', features: [] });
      list?.select(null);
      (sidebar.querySelector('[role="option"][tabindex="0"]') as HTMLElement | null)?.focus();
    },
    siteFor: (facilityId) => siteByFacility().get(facilityId),
    onTrench: (trench, available) => {
      view.setTrenches({ type: 'FeatureCollection', features: trench ? [trench] : [] });
      if (available && legend.unavailable.delete('trenches')) drawLegend();
    },
  });

  const list = can.readsPlans ? createRankedList(sidebar, {
    onOpen: (item) => void openFacility(item.facilityId, item, true),
    onStatusFilter: (s) => view.setStatusFilter(s),
    onFacilityFilter: (f) => view.setFacilityFilter(f),
    onMatches: (points, frame) => {
      view.setMatches(points);
      if (frame && points.length) view.fitTo(points.map((p) => [p.lon, p.lat]));
    },
    sites: () => sites,
  }) : null;
  const mySites = can.siteOnly ? createMySites(sidebar, {
    onOpen: (site) => {
      panel.openSite(site);
      if (Number.isFinite(site.lon) && Number.isFinite(site.lat)) view.fitTo([[site.lon, site.lat]]);
    },
  }) : null;

  const plans = createPlansView(plansEl, {
    canEdit: can.editsPlans,
    onChosen: (ids) => view.setChosen(ids),
    onOpenFacility: (id) => void openFacility(id, undefined, true),
  });
  const ppp = createPppView(pppEl, { onShow: () => { /* settlements are listed; the map keeps its layers */ } });
  const account = createAccountView(accountEl, { isAdmin: (me?.role ?? 'admin') === 'admin', email: me?.user?.email ?? '', role: String(me?.role ?? 'admin') });

  async function openFacility(id: string, item: GapItem | undefined, fly: boolean) {
    if (!list) return;
    const known = item ?? list.items().find((i) => i.facilityId === id);
    list.select(id);
    view.select(id, fly && known ? [known.lon, known.lat] : undefined);
    await panel.open(id, known);
  }

  const viewOfPath = (p: string): ViewName => views.find((v) => v !== 'map' && p.startsWith(PATHS[v])) ?? 'map';
  let current: ViewName = viewOfPath(location.pathname);
  function showView(name: ViewName, push = true) {
    current = name;
    sidebar.hidden = name !== 'map';
    plansEl.hidden = name !== 'plans';
    pppEl.hidden = name !== 'ppp';
    accountEl.hidden = name !== 'account';
    if (push && location.pathname !== PATHS[name]) history.pushState({}, '', PATHS[name]);
    if (name === 'plans') void plans.show();
    if (name === 'ppp') void ppp.show();
    if (name === 'account') void account.show();
    drawTabs();
    drawHeader();
    view.resize();
  }
  function drawTabs() {
    tabs.hidden = views.length < 2;
    const tab = (name: ViewName) => h('button', {
      type: 'button', role: 'tab', id: `tab-${name}`, 'aria-controls': `view-${name}`,
      'aria-selected': current === name ? 'true' : 'false', tabindex: current === name ? 0 : -1,
      onclick: () => showView(name),
      onkeydown: (e: KeyboardEvent) => {
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
          const i = views.indexOf(current);
          const next = views[(i + (e.key === 'ArrowRight' ? 1 : views.length - 1)) % views.length]!;
          showView(next);
          (tabs.querySelector(`#tab-${next}`) as HTMLElement | null)?.focus();
        }
      },
    }, t(name === 'map' && can.siteOnly ? 'nav.mapSites' : TAB_KEYS[name]));
    tabs.setAttribute('aria-label', t('nav.label'));
    clear(tabs, ...views.map(tab));
  }
  window.addEventListener('popstate', () => showView(viewOfPath(location.pathname), false));

  function drawHeader() {
    clear(titleEl, t('app.title'), h('small', {}, t('app.tagline')));
    langLabel.textContent = t('lang.label');
    listToggle.textContent = root.classList.contains('list-folded') ? t('nav.showList') : t('nav.hideList');
    listToggle.hidden = current !== 'map';
    liveEl.textContent = liveEl.dataset.live === 'on' ? `● ${t('live.on')}` : `○ ${t('live.off')}`;
    document.title = `${t('app.title')} — ${t('app.tagline')}`;
    if (me?.user) clear(userEl, h('span', { class: 'user-name' }, me.user.displayName ?? me.user.email ?? ''), h('button', { type: 'button', class: 'link', onclick: () => void signOut() }, t('login.signOut')));
    drawTabs();
  }

  onLangChange((l) => {
    langSelect.value = l;
    drawHeader();
    drawLegend();
    list?.render();
    mySites?.render();
    panel.rerender();
    plans.rerender();
    ppp.rerender();
    account.rerender();
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

  // Shared trenches come with the plan (the server and this app ship together): offered to whoever reads
  // plans. It used to be probed with a made-up settlement, which cost the server seconds of gap
  // evaluation at every sign-in while the ranked list waited, and left the legend saying "not on
  // this server" until it answered.
  if (can.readsPlans) legend.unavailable.delete('trenches');

  void api.sites().then(({ items }) => {
    sites = items;
    view.setSites(items);
    mySites?.setSites(items);
    if (can.siteOnly && items.length) view.fitTo(items.map((x) => [x.lon, x.lat]));
    list?.setSiteStatuses(new Map(items.filter((s) => s.facilityId).map((s) => [s.facilityId!, s.status])));
    connectLive((ev) => {
      const site = sites.find((s) => s.id === ev.siteId);
      if (!site) return;
      site.status = ev.status as SiteStatus;
      site.noRecentData = false; // an event is news from the agent
      view.setSiteStatus(ev.siteId, ev.status);
      list?.setSiteStatuses(new Map(sites.filter((s) => s.facilityId).map((s) => [s.facilityId!, s.status])));
      mySites?.setSites(sites);
      if (panel.currentId() === site.facilityId || panel.currentId() === `site:${site.id}`) panel.rerender();
      announcer.textContent = t('live.changed', { site: site.name, status: tOr(`status.${ev.status}`, 'status.unknown') });
    }, (on) => {
      liveEl.dataset.live = on ? 'on' : 'off';
      drawHeader();
    });
  }).catch((e) => {
    if (e instanceof NotAvailable) legend.unavailable.add('sites');
    mySites?.setError(errorText(e));
    liveEl.hidden = true;
    view.setGroupVisible('sites', false);
    drawLegend();
  });

  drawHeader();
  drawLegend();
  showView(current, false);
  void list?.reload().then(() => {
    // A partner works in its own regions: the map opens on them, not on the whole country.
    if (me?.role === 'partner' && list.items().length) view.fitTo(list.items().map((i) => [i.lon, i.lat]));
  }).finally(() => listShown());
}
