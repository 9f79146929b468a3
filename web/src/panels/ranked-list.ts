// The ranked list of gaps beside the map, with filters and name search (GET /api/gaps). Keyboard:
// one tab stop; arrow keys, Home and End move (roving tabindex); Enter or Space opens the facility.
import { ApiFailure, NotAvailable, api, type GapQuery } from '../api/client.ts';
import type { GapItem, SiteStatus } from '../api/types.ts';
import { clear, h } from '../dom.ts';
import { facilityKindLabel, fmtKzt, fmtNumber, t, tOr, type MessageKey } from '../i18n/index.ts';
import { GAP_CLASSES, GAP_COLOURS, STATUSES, TECHNOLOGIES, normaliseTechnology } from '../map/palette.ts';
import { statusIconUrl } from '../map/status-icons.ts';
import { itemName, recordName } from './names.ts';

const PAGE = 50;
const KINDS = ['school', 'health', 'library', 'community', 'other'] as const;

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
  opts: { onOpen(item: GapItem): void; onStatusFilter(status: string | null): void },
): RankedList {
  const filters: ListFilters = { region: '', kind: '', gapClass: '', technology: '', status: '', q: '' };
  let items: GapItem[] = [];
  let total = 0;
  let state: 'loading' | 'ready' | 'unavailable' | 'error' = 'loading';
  let error = '';
  let selectedId: string | null = null;
  let activeIndex = 0;
  let regions: Array<{ id: string; label: string; rec: Record<string, unknown> }> = [];
  let siteStatus = new Map<string, SiteStatus>();
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  let requestNo = 0;

  const listEl = h('ul', { class: 'ranked', role: 'listbox', id: 'ranked-list', 'aria-labelledby': 'ranked-title' });
  const statusEl = h('p', { class: 'list-status', role: 'status', 'aria-live': 'polite' });
  const filtersEl = h('form', { class: 'filters', role: 'search', onsubmit: (e: Event) => e.preventDefault() });
  const titleEl = h('h2', { id: 'ranked-title' });
  const hintEl = h('p', { class: 'muted small', id: 'ranked-hint' });
  const moreBtn = h('button', { type: 'button', class: 'more', onclick: () => void loadMore() });
  root.append(filtersEl, titleEl, hintEl, statusEl, listEl, moreBtn);
  listEl.setAttribute('aria-describedby', 'ranked-hint');

  void api.admin1().then((fc) => {
    regions = fc.features.map((f) => ({ id: String(f.id ?? (f.properties as Record<string, unknown>).id), label: '', rec: f.properties as Record<string, unknown> }));
    renderFilters();
  }).catch(() => { /* no regions: the region filter stays empty */ });

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
      error = e instanceof ApiFailure || e instanceof Error ? e.message : String(e);
      items = [];
      total = 0;
    }
    render();
  }

  async function loadMore(): Promise<void> {
    const res = await api.gaps(query(items.length));
    items = items.concat(res.items);
    total = res.total;
    render();
  }

  function select(field: keyof ListFilters, label: MessageKey, options: Array<[string, string]>) {
    const id = `filter-${field}`;
    return h('div', { class: 'field' },
      h('label', { for: id }, t(label)),
      h('select', {
        id, name: field,
        onchange: (e: Event) => {
          filters[field] = (e.target as HTMLSelectElement).value;
          if (field === 'status') opts.onStatusFilter(filters.status || null);
          void reload();
        },
      },
      h('option', { value: '' }, t('filters.all')),
      ...options.map(([v, text]) => h('option', { value: v, selected: filters[field] === v }, text))));
  }

  function renderFilters(): void {
    const search = h('input', {
      id: 'filter-q', type: 'search', name: 'q', value: filters.q, placeholder: t('filters.searchPlaceholder'), autocomplete: 'off',
      oninput: (e: Event) => {
        filters.q = (e.target as HTMLInputElement).value;
        clearTimeout(searchTimer);
        searchTimer = setTimeout(() => void reload(), 250);
      },
    });
    clear(filtersEl,
      h('div', { class: 'field field-wide' }, h('label', { for: 'filter-q' }, t('filters.search')), search),
      select('region', 'filters.region', regions.map((r) => [r.id, recordName(r.rec)] as [string, string]).sort((a, b) => a[1].localeCompare(b[1]))),
      select('kind', 'filters.kind', KINDS.map((k) => [k, t(`kind.${k}` as MessageKey)])),
      select('gapClass', 'filters.class', GAP_CLASSES.map((c) => [c, t(`gap.${c}` as MessageKey)])),
      select('technology', 'filters.technology', TECHNOLOGIES.map((c) => [c, t(`tech.${c}` as MessageKey)])),
      select('status', 'filters.status', STATUSES.map((s) => [s, t(`status.${s}` as MessageKey)])),
      h('button', {
        type: 'button', class: 'link',
        onclick: () => {
          Object.assign(filters, { region: '', kind: '', gapClass: '', technology: '', status: '', q: '' });
          opts.onStatusFilter(null);
          renderFilters();
          void reload();
        },
      }, t('filters.reset')),
    );
  }

  function visibleItems(): GapItem[] {
    return filters.status ? items.filter((i) => siteStatus.get(i.facilityId) === filters.status) : items;
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
      ' ', facilityKindLabel(item.kind, item.subkind),
      item.settlementName ? ` · ${item.settlementName}` : ''),
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
    const shown = visibleItems();
    statusEl.textContent =
      state === 'loading' ? t('list.loading')
      : state === 'unavailable' ? t('list.unavailable')
      : state === 'error' ? t('list.error', { message: error })
      : shown.length === 0 ? t('list.empty')
      : t('list.count', { shown: fmtNumber(shown.length), total: fmtNumber(total) });
    const hadFocus = listEl.contains(document.activeElement);
    activeIndex = Math.min(activeIndex, Math.max(0, shown.length - 1));
    clear(listEl, ...shown.map(option));
    moreBtn.hidden = state !== 'ready' || items.length >= total;
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
