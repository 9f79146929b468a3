// Plans: run a saved scenario under a budget, see the chosen sites and the cost–beneficiaries curve,
// compare two runs, export. Says plainly when the server has no scenario API (404).
import { ApiFailure, NotAvailable, api, itemsOf } from '../api/client.ts';
import type { Scenario, ScenarioRun } from '../api/types.ts';
import { clear, h } from '../dom.ts';
import { fmtKzt, fmtNumber, t, tOr } from '../i18n/index.ts';
import { curveChart } from './charts.ts';

type Run = ScenarioRun & { no: number; scenario: string; budgetKzt: number };

const MAX_BUDGET = 20_000_000_000; // 20 bn ₸: above the whole national gap of the bundled data
const STEP = 50_000_000;

export type PlansView = { show(): Promise<void>; rerender(): void };

export function createPlansView(root: HTMLElement, opts: { onChosen(ids: string[]): void; onOpenFacility(id: string): void }): PlansView {
  let scenarios: Scenario[] = [];
  let state: 'loading' | 'ready' | 'unavailable' | 'error' = 'loading';
  let error = '';
  let scenario = 'default';
  let budget = 2_000_000_000;
  let running = false;
  const runs: Run[] = [];
  let a: number | null = null;
  let b: number | null = null;

  async function show() {
    state = 'loading';
    render();
    try {
      const body = await api.scenarios();
      scenarios = itemsOf<Scenario>(body as never, 'scenarios');
      if (scenarios[0] && !scenarios.some((s) => s.name === scenario)) scenario = scenarios[0].name;
      const preset = scenarios.find((s) => s.name === scenario)?.budgetKzt;
      if (preset && runs.length === 0) budget = preset;
      state = 'ready';
    } catch (e) {
      state = e instanceof NotAvailable ? 'unavailable' : 'error';
      error = e instanceof Error ? e.message : String(e);
    }
    render();
  }

  async function run() {
    running = true;
    error = '';
    render();
    try {
      const res = await api.runScenario(scenario, budget);
      const r: Run = { ...res, no: runs.length + 1, scenario, budgetKzt: budget };
      runs.push(r);
      b = a;
      a = r.no;
      opts.onChosen(r.chosen);
    } catch (e) {
      if (e instanceof NotAvailable) state = 'unavailable';
      error = e instanceof ApiFailure || e instanceof Error ? e.message : String(e);
    }
    running = false;
    render();
  }

  function download(name: string, type: string, text: string) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = h('a', { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function exportRun(r: Run, kind: 'csv' | 'json') {
    const base = `baylanys-${r.scenario}-${r.budgetKzt}`;
    if (kind === 'json') download(`${base}.json`, 'application/json', JSON.stringify(r, null, 2));
    else {
      // Cells that start like a formula are prefixed with ' so a spreadsheet shows them as text.
      const cell = (v: unknown) => {
        const s = String(v ?? '');
        return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replaceAll('"', '""')}"`;
      };
      const rows = chosenRows(r).map((x, i) => [i + 1, x.facilityId, x.name ?? '', x.kind ?? '', x.technology ?? '', x.costKzt ?? ''].map(cell).join(','));
      download(`${base}.csv`, 'text/csv', ['order,facility_id,name,kind,technology,cost_kzt', ...rows].join('\n') + '\n');
    }
  }

  /** The run's sites with names when the server gives them, else bare facility ids. */
  const chosenRows = (r: Run): Array<{ facilityId: string; name?: string | null; kind?: string; technology?: string | null; costKzt?: number }> =>
    r.sites?.length ? r.sites : r.chosen.map((facilityId) => ({ facilityId }));

  const label = (r: Run) => `#${r.no} ${r.scenario} · ${fmtKzt(r.budgetKzt, true)}`;

  function summary(r: Run) {
    return h('dl', { class: 'facts' },
      h('dt', {}, t('plans.budget')), h('dd', {}, fmtKzt(r.budgetKzt)),
      h('dt', {}, t('plans.totalCost')), h('dd', { 'data-testid': 'plan-cost' }, fmtKzt(r.totalCostKzt)),
      h('dt', {}, t('plans.beneficiaries')), h('dd', {}, fmtNumber(r.beneficiaries)),
      h('dt', {}, t('plans.sites')), h('dd', {}, fmtNumber(r.chosen.length)));
  }

  function render() {
    const heading = h('h2', {}, t('plans.title'));
    if (state === 'loading') return clear(root, heading, h('p', { role: 'status' }, t('panel.loading')));
    if (state === 'unavailable') return clear(root, heading, h('p', { class: 'unavailable', role: 'status' }, t('plans.unavailable')));
    if (state === 'error') return clear(root, heading, h('p', { role: 'alert' }, t('plans.error', { message: error })));

    const budgetOut = h('output', { for: 'plan-budget', id: 'plan-budget-out' }, fmtKzt(budget));
    const form = h('form', { class: 'plan-form', onsubmit: (e: Event) => { e.preventDefault(); void run(); } },
      h('div', { class: 'field' }, h('label', { for: 'plan-scenario' }, t('plans.scenario')),
        scenarios.length
          ? h('select', { id: 'plan-scenario', onchange: (e: Event) => (scenario = (e.target as HTMLSelectElement).value) },
            ...scenarios.map((s) => h('option', { value: s.name, selected: s.name === scenario }, s.title ?? s.name)))
          : h('input', { id: 'plan-scenario', value: scenario, oninput: (e: Event) => (scenario = (e.target as HTMLInputElement).value) })),
      h('div', { class: 'field field-wide' }, h('label', { for: 'plan-budget' }, t('plans.budget')),
        h('input', {
          id: 'plan-budget', type: 'range', min: 0, max: MAX_BUDGET, step: STEP, value: budget,
          'aria-valuetext': fmtKzt(budget),
          oninput: (e: Event) => {
            budget = Number((e.target as HTMLInputElement).value);
            budgetOut.textContent = fmtKzt(budget);
            (e.target as HTMLInputElement).setAttribute('aria-valuetext', fmtKzt(budget));
          },
        }), budgetOut),
      h('button', { type: 'submit', class: 'primary', disabled: running }, running ? t('plans.running') : t('plans.run')));

    const current = runs.find((r) => r.no === a);
    const other = runs.find((r) => r.no === b);
    const chart = h('div', { class: 'chart chart-wide', role: 'img', 'aria-label': t('plans.curve') });
    const pick = (which: 'a' | 'b', value: number | null) => h('select', {
      'aria-label': t(which === 'a' ? 'plans.slotA' : 'plans.slotB'),
      onchange: (e: Event) => {
        const v = Number((e.target as HTMLSelectElement).value);
        if (which === 'a') a = v; else b = v;
        const r = runs.find((x) => x.no === a);
        if (r) opts.onChosen(r.chosen);
        render();
      },
    }, ...runs.map((r) => h('option', { value: r.no, selected: r.no === value }, label(r))));

    clear(root,
      heading,
      scenarios.length ? null : h('p', { class: 'muted' }, t('plans.noScenarios')),
      form,
      error ? h('p', { role: 'alert' }, t('plans.error', { message: error })) : null,
      current ? h('section', { class: 'plan-result', 'aria-live': 'polite' },
        h('h3', {}, label(current)), summary(current),
        h('p', { class: 'muted small' }, t('plans.showOnMap')),
        h('div', { class: 'actions' },
          h('button', { type: 'button', onclick: () => exportRun(current, 'csv') }, t('plans.exportCsv')),
          h('button', { type: 'button', onclick: () => exportRun(current, 'json') }, t('plans.exportJson'))),
        chart,
        h('h3', {}, t('plans.chosen')),
        h('ol', { class: 'chosen' }, ...chosenRows(current).slice(0, 200).map((site) =>
          h('li', {},
            h('button', { type: 'button', class: 'link', onclick: () => opts.onOpenFacility(site.facilityId) }, site.name ?? site.facilityId),
            h('span', { class: 'muted small' }, ` · ${tOr(`kind.${site.kind ?? 'other'}`, 'kind.other')} · ${tOr(`tech.${site.technology ?? 'unknown'}`, 'tech.unknown')}${site.costKzt !== undefined ? ` · ${fmtKzt(site.costKzt, true)}` : ''}`))))) : null,
      runs.length >= 2 ? h('section', { class: 'compare' },
        h('h3', {}, t('plans.compare')), h('p', { class: 'muted small' }, t('plans.compareHint')),
        h('div', { class: 'compare-pick' }, t('plans.slotA'), ' ', pick('a', a), ' ', t('plans.slotB'), ' ', pick('b', b)),
        current && other ? h('table', { class: 'compare-table' },
          h('thead', {}, h('tr', {}, h('th', {}), h('th', { scope: 'col' }, `${t('plans.slotA')}: ${label(current)}`), h('th', { scope: 'col' }, `${t('plans.slotB')}: ${label(other)}`))),
          h('tbody', {},
            h('tr', {}, h('th', { scope: 'row' }, t('plans.totalCost')), h('td', {}, fmtKzt(current.totalCostKzt)), h('td', {}, fmtKzt(other.totalCostKzt))),
            h('tr', {}, h('th', { scope: 'row' }, t('plans.beneficiaries')), h('td', {}, fmtNumber(current.beneficiaries)), h('td', {}, fmtNumber(other.beneficiaries))),
            h('tr', {}, h('th', { scope: 'row' }, t('plans.sites')), h('td', {}, fmtNumber(current.chosen.length)), h('td', {}, fmtNumber(other.chosen.length))))) : null) : null,
    );
    if (current) {
      requestAnimationFrame(() => curveChart(chart, [
        { label: label(current), colour: '#0072B2', points: current.curve },
        ...(other ? [{ label: label(other), colour: '#D55E00', points: other.curve }] : []),
      ], t('plans.curve'), t('plans.totalCost')));
    }
  }

  return { show, rerender: render };
}
