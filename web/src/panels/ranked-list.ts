// The ranked list of gaps beside the map, with filters and name search (GET /api/gaps). Keyboard:
// one tab stop; arrow keys, Home and End move (roving tabindex); Enter or Space opens the facility.
import { NotAvailable, api, type GapQuery } from '../api/client.ts';
import { errorText } from '../api/errors.ts';
import { regionNames, type RegionName } from '../api/regions.ts';
import type { GapItem, Site, SiteStatus } from '../api/types.ts';
import { clear, h } from '../dom.ts';
import { facilityKindLabel, fmtKzt, fmtNumber, locale, t, tOr, type MessageKey } from '../i18n/index.ts';
import { GAP_CLASSES, GAP_COLOURS, STATUSES, TECHNOLOGIES, normaliseTechnology } from '../map/palette.ts';
import { statusIconUrl } from '../map/status-icons.ts';
import { itemName, recordName } from './names.ts';

const PAGE = 50;
/** The server refuses longer searches (400); the field stops there and says so. */
export const MAX_SEARCH = 100;
const KINDS = ['school', 'health', 'library', 'community', 'other'] as const;

/** Case and diacritics folded, for matching a search in the sites' names. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export type ListFilters = { region: string; kind: string; gapClass: string; technology: string; status: string; q: string };

export type RankedList = {
  reload(): Promise<void>;
  select(id: string | null): void;
  setSiteStatuses(byFacility: Map<string, SiteStatus>): void;
  render(): void;
  items(): GapItem[];
};

export function createRankedList(
  root: HTMLElement,
  opts: {
    onOpen(item: GapItem): void;
    onStatusFilter(status: string | null): void;
    /** Kind, class and technology filters for the map's facility layer. */
    onFacilityFilter(f: { kind: string; gapClass: string; technology: string }): void;
    /** The rows shown while any filter or search is on (empty when none is), and whether to frame them. */
    onMatches(items: Array<{ id: string; lon: number; lat: number }>, frame: boolean): void;
    /** Every monitored site the caller may see: the link-status filter applies to all of them. */
    sites(): Site[];
  },
): RankedList {
  const filters: ListFilters = { region: '', kind: '', gapClass: '', technology: '', status: '', q: '' };
  let items: GapItem[] = [];
  let total = 0;
  let state: 'loading' | 'ready' | 'unavailable' | 'error' = 'loading';
  let failure: unknown = null;
  let selectedId: string | null = null;
  let activeIndex = 0;
  let regions = new Map<string, RegionName>();
  let districts = new Map<string, RegionName>();
  let siteStatus = new Map<string, SiteStatus>();
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  let requestNo = 0;

  const listEl = h('ul', { class: 'ranked', role: 'listbox', id: 'ranked-list', 'aria-labelledby': 'ranked-title' });
  const statusEl = h('p', { class: 'list-status', role: 'status', 'aria-live': 'polite' });
  const filtersEl = h('form', { class: 'filters', role: 'search', onsubmit: (e: Event) => e.preventDefault() });
  const titleEl = h('h2', { id: 'ranked-title' });
  const hintEl = h('p', { class: 'muted small', id: 'ranked-hint' });
  const moreBtn = h('button', { type: 'button', class: 'more', onclick: () => void loadMore() });
  // The whole filtered ranking (not only the rows shown) as GeoJSON for a GIS.
  const exportLink = h('a', { class: 'button small', 'data-testid': 'gaps-geojson', download: 'baylanys-gaps.geojson' });
  root.append(filtersEl, titleEl, hintEl, statusEl, listEl, moreBtn, h('p', { class: 'actions' }, exportLink));
  listEl.setAttribute('aria-describedby', 'ranked-hint');

  // Names only (no geometry), narrowed by the server to a partner's regions.
  void regionNames('admin1').then((m) => {
    regions = m;
    renderFilters();
    render();
  }).catch(() => { /* no regions: the region filter stays empty */ });
  void regionNames('admin2').then((m) => {
    districts = m;
    render();
  }).catch(() => { /* rows then name the region only */ });
  const placeName = (m: Map<string, RegionName>, id: string | null | undefined) => {
    const r = id ? m.get(id) : undefined;
    return r ? recordName(r as unknown as Record<string, unknown>) : null;
  };

  function query(offset: number): GapQuery {
    return {
      region: filters.region || undefined, kind: filters.kind || undefined, gapClass: filters.gapClass || undefined,
      technology: filters.technology || undefined, q: filters.q.trim() || undefined, limit: PAGE, offset,
    };
  }

  async function reload(): Promise<void> {
    const mine = ++requestNo;
    state = 'loading';
    render();
    try {
      const res = await api.gaps(query(0));
      if (mine !== requestNo) return;
      items = res.items;
      total = res.total;
      state = 'ready';
      activeIndex = Math.max(0, items.findIndex((i) => i.facilityId === selectedId));
    } catch (e) {
      if (mine !== requestNo) return;
      state = e instanceof NotAvailable ? 'unavailable' : 'error';
      failure = e;
      items = [];
      total = 0;
    }
    render();
    reportMatches();
  }

  function filtering(): boolean {
    return !!(filters.region || filters.kind || filters.gapClass || filters.technology || filters.status || filters.q.trim());
  }

  /** Tells the map what the list shows, so filters and search change the map too. */
  function reportMatches(): void {
    opts.onFacilityFilter({ kind: filters.kind, gapClass: filters.gapClass, technology: filters.technology });
    if (!filtering()) return opts.onMatches([], false);
    const shown = visibleItems();
    opts.onMatches(shown.map((i) => ({ id: i.facilityId, lon: i.lon, lat: i.lat })), !!(filters.region || filters.q.trim() || filters.status));
  }

  async function loadMore(): Promise<void> {
    try {
      const res = await api.gaps(query(items.length));
      items = items.concat(res.items);
      total = res.total;
    } catch (e) {
      state = 'error';
      failure = e;
    }
    render();
    reportMatches();
  }

  function select(field: keyof ListFilters, label: MessageKey, options: Array<[string, string]>) {
    const id = `filter-${field}`;
    return h('div', { class: 'field' },
      h('label', { for: id }, t(label)),
      h('select', {
        id, name: field,
        onchange: (e: Event) => {
          filters[field] = (e.target as HTMLSelectElement).value;
          if (field === 'status') {
            opts.onStatusFilter(filters.status || null);
            // The link status is the monitoring's: the list becomes every monitored site with it.
            render();
            reportMatches();
            return;
          }
          void reload();
        },
      },
      h('option', { value: '' }, t('filters.all')),
      ...options.map(([v, text]) => h('option', { value: v, selected: filters[field] === v }, text))));
  }

  function renderFilters(): void {
    const search = h('input', {
      id: 'filter-q', type: 'search', name: 'q', value: filters.q, placeholder: t('filters.searchPlaceholder'), autocomplete: 'off',
      maxlength: MAX_SEARCH, 'aria-describedby': 'filter-q-hint',
      oninput: (e: Event) => {
        const input = e.target as HTMLInputElement;
        // A pasted text longer than the limit is cut (maxlength does not stop a paste by script).
        if (input.value.length > MAX_SEARCH) input.value = input.value.slice(0, MAX_SEARCH);
        const hint = filtersEl.querySelector('#filter-q-hint');
        if (hint) hint.textContent = input.value.length >= MAX_SEARCH ? t('filters.searchTooLong', { n: MAX_SEARCH }) : '';
        filters.q = input.value;
        clearTimeout(searchTimer);
        searchTimer = setTimeout(() => void reload(), 250);
      },
    });
    clear(filtersEl,
      h('div', { class: 'field field-wide' }, h('label', { for: 'filter-q' }, t('filters.search')), search, h('small', { id: 'filter-q-hint', class: 'muted', 'aria-live': 'polite' })),
      select('region', 'filters.region', [...regions.values()].map((r) => [r.id, recordName(r as unknown as Record<string, unknown>)] as [string, string]).sort((a, b) => a[1].localeCompare(b[1], locale()))),
      select('kind', 'filters.kind', KINDS.map((k) => [k, t(`kind.${k}` as MessageKey)])),
      select('gapClass', 'filters.class', GAP_CLASSES.map((c) => [c, t(`gap.${c}` as MessageKey)])),
      select('technology', 'filters.technology', TECHNOLOGIES.map((c) => [c, t(`tech.${c}` as MessageKey)])),
      select('status', 'filters.status', STATUSES.map((s) => [s, t(`status.${s}` as MessageKey)])),
      h('button', {
        type: 'button', class: 'link',
        onclick: () => {
          Object.assign(filters, { region: '', kind: '', gapClass: '', technology: '', status: '', q: '' });
          opts.onMatches([], false);
          opts.onStatusFilter(null);
          renderFilters();
          void reload();
        },
      }, t('filters.reset')),
    );
  }

  /**
   * With a link-status filter the rows are every monitored site with that status (the server gives
   * them all), narrowed by region and search; otherwise the server's filtered, ranked page.
   */
  function visibleItems(): GapItem[] {
    if (!filters.status) return items;
    const q = fold(filters.q.trim());
    const byFacility = new Map(items.map((i) => [i.facilityId, i]));
    return opts.sites()
      .filter((s) => s.status === filters.status && s.facilityId)
      .filter((s) => !filters.region || s.region === filters.region)
      .filter((s) => !q || fold(`${s.name} ${s.facilityName ?? ''}`).includes(q))
      .map((s) => byFacility.get(s.facilityId!) ?? {
        facilityId: s.facilityId!, name: s.facilityName ?? s.name, kind: s.facilityKind ?? 'other', gapClass: 'unknown', technology: null,
        score: null, rank: null, lon: s.lon, lat: s.lat, admin1Id: s.region ?? null,
      });
  }

  function option(item: GapItem, index: number): HTMLLIElement {
    const cls = String(item.gapClass ?? 'unknown');
    const tech = normaliseTechnology(item.technology);
    const status = siteStatus.get(item.facilityId);
    const selected = item.facilityId === selectedId;
    return h('li', {
      role: 'option', id: `gap-${item.facilityId}`, 'data-id': item.facilityId,
      'aria-selected': selected ? 'true' : 'false', tabindex: index === activeIndex ? 0 : -1,
      class: selected ? 'selected' : '',
      onclick: () => {
        activeIndex = index;
        opts.onOpen(item);
      },
    },
    h('span', { class: 'rank' }, item.rank !== null && item.rank !== undefined ? t('list.rank', { rank: fmtNumber(item.rank) }) : ''),
    h('span', { class: 'name' }, itemName(item)),
    h('span', { class: 'meta' },
      h('span', { class: 'chip', style: `--c:${GAP_COLOURS[cls] ?? GAP_COLOURS.unknown}` }, tOr(`gap.${cls}`, 'gap.unknown')),
      ' ', facilityKindLabel(item.kind, item.subkind)),
    // Same-named facilities are told apart by where they are: settlement, district, region.
    h('span', { class: 'meta place' }, [item.settlementName, placeName(districts, item.admin2Id), placeName(regions, item.admin1Id)].filter(Boolean).join(', ')),
    h('span', { class: 'meta' },
      tOr(`tech.${tech}`, 'tech.unknown'),
      item.tcoKzt !== null && item.tcoKzt !== undefined ? ` · ${fmtKzt(item.tcoKzt, true)}` : '',
      item.beneficiaries ? ` · ${t('list.people', { n: fmtNumber(item.beneficiaries) })}` : ''),
    status ? h('span', { class: 'site-status' }, h('img', { src: statusIconUrl(status), alt: '', width: 14, height: 14 }), t(`status.${status}` as MessageKey)) : null,
    item.measuredFlag ? h('span', { class: 'meta measured-flag' }, t(`measured.${item.measuredFlag}`)) : null,
    item.provenance === 'illustrative' ? h('span', { class: 'badge-illustrative small' }, t('badge.illustrative')) : null);
  }

  function render(): void {
    titleEl.textContent = t('list.title');
    hintEl.textContent = t('list.hint');
    moreBtn.textContent = t('list.more');
    exportLink.textContent = t('list.exportGeojson');
    const { limit: _l, offset: _o, ...f } = query(0);
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v !== undefined) params.set(k, String(v));
    exportLink.setAttribute('href', `/api/gaps.geojson${params.size ? `?${params}` : ''}`);
    const shown = visibleItems();
    statusEl.textContent =
      state === 'loading' ? t('list.loading')
      : state === 'unavailable' ? t('list.unavailable')
      : state === 'error' ? t('list.error', { message: errorText(failure) })
      : shown.length === 0 ? t('list.empty')
      : filters.status ? t('list.statusCount', { n: fmtNumber(shown.length) })
      : t('list.count', { shown: fmtNumber(shown.length), total: fmtNumber(total) });
    const hadFocus = listEl.contains(document.activeElement);
    activeIndex = Math.min(activeIndex, Math.max(0, shown.length - 1));
    clear(listEl, ...shown.map(option));
    moreBtn.hidden = state !== 'ready' || items.length >= total || !!filters.status;
    if (hadFocus) (listEl.children[activeIndex] as HTMLElement | undefined)?.focus();
  }

  listEl.addEventListener('keydown', (e) => {
    const n = listEl.children.length;
    if (!n) return;
    let next = activeIndex;
    if (e.key === 'ArrowDown') next = Math.min(n - 1, activeIndex + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, activeIndex - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = n - 1;
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const item = visibleItems()[activeIndex];
      if (item) opts.onOpen(item);
      return;
    } else return;
    e.preventDefault();
    (listEl.children[activeIndex] as HTMLElement).tabIndex = -1;
    activeIndex = next;
    const el = listEl.children[activeIndex] as HTMLElement;
    el.tabIndex = 0;
    el.focus();
  });

  renderFilters();
  return {
    reload,
    select(id) {
      selectedId = id;
      const idx = visibleItems().findIndex((i) => i.facilityId === id);
      if (idx >= 0) activeIndex = idx;
      render();
      if (idx >= 0) listEl.children[idx]?.scrollIntoView({ block: 'nearest' });
    },
    setSiteStatuses(byFacility) {
      siteStatus = byFacility;
      render();
    },
    render() {
      renderFilters();
      render();
    },
    items: () => items,
  };
}
