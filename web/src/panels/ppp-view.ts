// The PPP view for telecom partners: settlements without mobile broadband with the business case
// of an in-village network and the subsidy (viability gap) that makes it break even; a partner
// sees its own regions only (the server narrows). Files: CSV and GeoJSON from the server.
import { NotAvailable, api } from '../api/client.ts';
import { errorText } from '../api/errors.ts';
import { regionNames, type RegionName } from '../api/regions.ts';
import type { PppCase } from '../api/types.ts';
import { clear, h } from '../dom.ts';
import { fmtKzt, fmtNumber, lang, locale, t } from '../i18n/index.ts';
import { recordName } from './names.ts';

const PAGE = 50;

export type PppView = { show(): Promise<void>; rerender(): void };

export function createPppView(root: HTMLElement, opts: { onShow(points: Array<{ id: string; lon: number; lat: number }>): void }): PppView {
  let state: 'idle' | 'loading' | 'ready' | 'unavailable' | 'error' = 'idle';
  let failure: unknown = null;
  let items: PppCase[] = [];
  let total = 0;
  let region = '';
  let regions = new Map<string, RegionName>();

  const regionLabel = (id: string | null) => {
    const r = id ? regions.get(id) : undefined;
    return r ? recordName(r as unknown as Record<string, unknown>) : id ?? '—';
  };

  async function load(offset: number) {
    if (offset === 0) {
      state = 'loading';
      render();
    }
    try {
      const res = await api.ppp({ region: region || undefined, lang: lang(), limit: PAGE, offset });
      items = offset === 0 ? res.items : items.concat(res.items);
      total = res.total;
      state = 'ready';
      opts.onShow(items.map((c) => ({ id: c.settlementId, lon: c.lon, lat: c.lat })));
    } catch (e) {
      state = e instanceof NotAvailable ? 'unavailable' : 'error';
      failure = e;
    }
    render();
  }

  async function show() {
    void regionNames('admin1').then((m) => { regions = m; render(); }).catch(() => { /* ids stay */ });
    if (state === 'idle' || state === 'error') await load(0);
    else render();
  }

  function render() {
    const heading = h('h2', {}, t('ppp.title'));
    const intro = h('p', { class: 'muted small' }, t('ppp.intro'));
    if (state === 'loading' || state === 'idle') return clear(root, heading, intro, h('p', { role: 'status' }, t('panel.loading')));
    if (state === 'unavailable') return clear(root, heading, h('p', { role: 'status' }, t('ppp.unavailable')));
    if (state === 'error') return clear(root, heading, h('p', { role: 'alert' }, errorText(failure)));
    const q = new URLSearchParams({ lang: lang(), ...(region ? { region } : {}) }).toString();
    clear(root, heading, intro,
      h('div', { class: 'field' }, h('label', { for: 'ppp-region' }, t('filters.region')),
        h('select', { id: 'ppp-region', onchange: (e: Event) => { region = (e.target as HTMLSelectElement).value; void load(0); } },
          h('option', { value: '' }, t('filters.all')),
          ...[...regions.values()].map((r) => [r.id, recordName(r as unknown as Record<string, unknown>)] as const)
            .sort((a, b) => a[1].localeCompare(b[1], locale()))
            .map(([id, name]) => h('option', { value: id, selected: id === region }, name)))),
      h('p', { role: 'status', class: 'list-status' }, t('list.count', { shown: fmtNumber(items.length), total: fmtNumber(total) })),
      h('div', { class: 'actions' },
        // Excel set to Russian or Kazakh expects ';' and decimal commas; the server writes both.
        h('a', { class: 'button', href: `/api/ppp.csv?${q}&sep=${lang() === 'en' ? 'comma' : 'semicolon'}`, download: `ppp-${lang()}.csv`, 'data-testid': 'ppp-csv' }, t('plans.exportCsv')),
        h('a', { class: 'button', href: `/api/ppp.geojson?${q}`, download: 'ppp.geojson' }, t('plans.exportGeojson'))),
      h('div', { class: 'table-wrap' }, h('table', { class: 'compare-table ppp', 'data-testid': 'ppp-table' },
        h('thead', {}, h('tr', {},
          ...(['ppp.settlement', 'filters.region', 'ppp.population', 'ppp.fibre', 'ppp.capex', 'ppp.npv', 'ppp.gap', 'ppp.gapPerPerson'] as const)
            .map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, ...items.map((c) => h('tr', {},
          h('th', { scope: 'row' }, c.name ?? c.settlementId),
          h('td', {}, regionLabel(c.admin1Id)),
          h('td', {}, fmtNumber(c.population)),
          h('td', {}, t(c.fibrePresent ? 'common.yes' : 'common.no')),
          h('td', {}, fmtKzt(c.capexKzt, true)),
          h('td', {}, fmtKzt(c.npvKzt, true)),
          h('td', {}, fmtKzt(c.viabilityGapKzt, true)),
          h('td', {}, c.viabilityGapPerPersonKzt === null ? '—' : fmtKzt(c.viabilityGapPerPersonKzt))))))),
      items.length < total ? h('button', { type: 'button', class: 'more', onclick: () => void load(items.length) }, t('list.more')) : null);
  }

  return { show, rerender: render };
}
