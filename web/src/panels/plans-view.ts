// Plans: scenarios stored on the server (create, edit, duplicate, delete), runs under a budget, the stored
// runs listed after a reload, one run's result (P10/P50/P90, by region and by facility kind, the
// chosen sites, the curve), a comparison of two runs, and the files (printable report, CSV in the
// user's language, GeoJSON). Staff edit and run; a partner reads (the server narrows each run to
// the partner's regions).
import { ApiFailure, NotAvailable, api, runFiles } from '../api/client.ts';
import { errorText } from '../api/errors.ts';
import { regionNames, type RegionName } from '../api/regions.ts';
import type { Breakdown, SensitivityRange, ChosenSite, RunSummary, Scenario, ScenarioDefaults, ScenarioParams, ScenarioRun } from '../api/types.ts';
import { clear, h } from '../dom.ts';
import { parseAmount } from '../i18n/format.ts';
import { facilityKindLabel, fmtDateTime, fmtKzt, fmtNumber, lang, t, tOr, type MessageKey } from '../i18n/index.ts';
import { curveChart } from './charts.ts';
import { recordName } from './names.ts';
import { csvNumber, toCsv, type CsvSeparator } from '../../../server/src/csv.ts';
import { PARAM_FIELDS, paramsFromValues, valuesFromParams, type ParamValues } from './scenario-params.ts';

export type PlansView = { show(): Promise<void>; rerender(): void };

type Editing = { mode: 'new' | 'edit' | 'duplicate'; name: string; description: string; budget: string; values: ParamValues; error: (() => string) | null };

const DEFAULT_BUDGET = 2_000_000_000;
const runKey = (scenario: string, id: number) => `${scenario}#${id}`;

export function createPlansView(root: HTMLElement, opts: { canEdit: boolean; onChosen(ids: string[]): void; onOpenFacility(id: string): void }): PlansView {
  let state: 'loading' | 'ready' | 'unavailable' | 'error' = 'loading';
  /** The last failure as a sentence made at render time, so it follows a language switch. */
  let error: (() => string) | null = null;
  /** A passing confirmation ("scenario deleted"), made at render time like error. */
  let notice: (() => string) | null = null;
  let scenarios: Scenario[] = [];
  let selected: string | null = null;
  let runs: RunSummary[] = [];
  let budgetText = '';
  let running = false;
  let queued = false;
  let editing: Editing | null = null;
  /** Deleting asks first: a scenario goes with all its stored runs. */
  let confirmingDelete = false;
  let defaults: ScenarioDefaults | null = null;
  let a: { scenario: string; id: number } | null = null;
  let b: { scenario: string; id: number } | null = null;
  const cache = new Map<string, ScenarioRun>();
  let regions = new Map<string, RegionName>();
  let sep: CsvSeparator = lang() === 'en' ? ',' : ';';

  const scenario = () => scenarios.find((s) => s.name === selected) ?? null;
  let sensitivity: { planned: number; ranges: SensitivityRange[] } | 'loading' | 'failed' | null = null;

  /** The sensitivity report (docs/planning-model.md): computed on request (2 × ranges evaluations of every facility: up to a minute). */
  function sensitivitySection(): HTMLElement {
    const button = h('button', {
      type: 'button', id: 'plan-sensitivity', disabled: sensitivity === 'loading',
      onclick: () => {
        sensitivity = 'loading';
        render();
        void api.sensitivity().then((r) => { sensitivity = r; render(); }).catch(() => { sensitivity = 'failed'; render(); });
      },
    }, t(sensitivity === 'loading' ? 'plans.sensitivity.running' : 'plans.sensitivity.run'));
    const moves = (m: Record<string, number>) => Object.entries(m).sort(([, x], [, y]) => y - x).slice(0, 2)
      .map(([k, n]) => { const [from, to] = k.split('→'); return `${tOr(`tech.${from}`, 'tech.unknown')} → ${tOr(`tech.${to}`, 'tech.unknown')}: ${fmtNumber(n)}`; }).join('; ');
    const show = (name: string, v: number) => (name === 'finance.demandGrowth' ? `${fmtNumber(v * 100, 0)} %` : fmtNumber(v, v < 10 ? 2 : 0));
    const table = sensitivity && typeof sensitivity === 'object'
      ? h('table', { class: 'compare-table', 'data-testid': 'sensitivity-table' },
        h('caption', {}, t('plans.sensitivity.caption', { n: fmtNumber(sensitivity.planned) })),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('plans.sensitivity.figure')), h('th', { scope: 'col' }, t('plans.sensitivity.low')), h('th', { scope: 'col' }, t('plans.sensitivity.high')))),
        h('tbody', {}, ...sensitivity.ranges.map((r) => h('tr', {},
          h('th', { scope: 'row' }, `${tOr(`figure.${r.name}`, 'figure.unknown')} (${show(r.name, r.value)})`),
          h('td', {}, `${show(r.name, r.min.value)}: ${fmtNumber(r.min.changed)}`, h('div', { class: 'muted small' }, moves(r.min.moves))),
          h('td', {}, `${show(r.name, r.max.value)}: ${fmtNumber(r.max.changed)}`, h('div', { class: 'muted small' }, moves(r.max.moves)))))))
      : sensitivity === 'failed' ? h('p', { role: 'alert', class: 'bad' }, t('err.unexpected')) : null;
    return h('section', { class: 'sensitivity' }, h('h3', {}, t('plans.sensitivity')), h('p', { class: 'muted small' }, t('plans.sensitivity.note')), button, table);
  }

  async function loadDefaults(): Promise<ScenarioDefaults | null> {
    if (defaults) return defaults;
    try {
      defaults = await api.scenarioDefaults();
    } catch {
      defaults = null;
    }
    return defaults;
  }

  async function show() {
    state = scenarios.length ? state : 'loading';
    render();
    try {
      scenarios = (await api.scenarios()).items;
      if (!scenarios.some((s) => s.name === selected)) selected = scenarios[0]?.name ?? null;
      state = 'ready';
      void regionNames('admin1').then((m) => { regions = m; render(); }).catch(() => { /* ids stay */ });
      if (!scenarios.length && opts.canEdit && !editing) await startEdit('new');
      await selectScenario(selected);
    } catch (e) {
      state = e instanceof NotAvailable ? 'unavailable' : 'error';
      error = () => errorText(e);
      render();
    }
  }

  async function selectScenario(name: string | null) {
    if (name !== selected) confirmingDelete = false;
    selected = name;
    runs = [];
    const s = scenario();
    budgetText = fmtNumber(s?.budgetKzt ?? DEFAULT_BUDGET);
    render();
    if (!name) return;
    try {
      runs = (await api.runs(name)).items;
      if (runs[0] && (!a || a.scenario !== name)) await openRun(name, runs[0].id, 'a');
    } catch (e) {
      error = () => errorText(e);
    }
    render();
  }

  async function loadRun(scenarioName: string, id: number): Promise<ScenarioRun> {
    const key = runKey(scenarioName, id);
    let run = cache.get(key);
    if (!run) {
      run = await api.run(scenarioName, id);
      cache.set(key, run);
    }
    return run;
  }

  async function openRun(scenarioName: string, id: number, slot: 'a' | 'b') {
    error = null;
    try {
      const run = await loadRun(scenarioName, id);
      if (slot === 'a') {
        if (a && (a.scenario !== scenarioName || a.id !== id)) b = a;
        a = { scenario: scenarioName, id };
        opts.onChosen(run.chosen);
      } else b = { scenario: scenarioName, id };
    } catch (e) {
      error = () => errorText(e);
    }
    render();
  }

  async function startEdit(mode: Editing['mode']) {
    notice = null;
    const d = await loadDefaults();
    const s = mode === 'new' ? null : scenario();
    const base = mode === 'new' ? 'base' : `${s?.name ?? 'base'}-2`;
    editing = {
      mode,
      name: mode === 'edit' ? s?.name ?? '' : scenarios.some((x) => x.name === base) ? `${base}-${scenarios.length + 1}` : base,
      description: mode === 'edit' ? s?.description ?? '' : '',
      budget: fmtNumber(s?.budgetKzt ?? DEFAULT_BUDGET),
      values: valuesFromParams(d, s?.params ?? {}),
      error: null,
    };
    render();
    (root.querySelector(mode === 'edit' ? '#scenario-description' : '#scenario-name') as HTMLElement | null)?.focus();
  }

  async function saveEdit() {
    if (!editing) return;
    const e = editing;
    const budget = parseAmount(e.budget);
    if (budget === null || budget < 0) {
      e.error = () => t('plans.badBudget');
      return render();
    }
    const params: ScenarioParams = paramsFromValues(defaults, e.values);
    try {
      if (e.mode === 'edit') await api.updateScenario(e.name, { description: e.description || null, budgetKzt: budget, params });
      else if (e.mode === 'duplicate' && selected) {
        await api.duplicateScenario(selected, e.name);
        await api.updateScenario(e.name, { description: e.description || null, budgetKzt: budget, params });
      } else await api.createScenario({ name: e.name, description: e.description || null, budgetKzt: budget, params });
      editing = null;
      selected = e.name;
      await show();
      (root.querySelector('#plan-run') as HTMLElement | null)?.focus();
    } catch (err) {
      e.error = err instanceof ApiFailure && err.code === 'invalid_input' && err.details.some((d) => d.field === 'name') ? () => t('plans.badName') : () => errorText(err, 'edit');
      render();
    }
  }

  async function removeScenario() {
    const name = selected;
    if (!name) return;
    try {
      await api.deleteScenario(name);
      confirmingDelete = false;
      for (const key of [...cache.keys()]) if (key.startsWith(`${name}#`)) cache.delete(key);
      if (a?.scenario === name) { a = null; opts.onChosen([]); }
      if (b?.scenario === name) b = null;
      selected = null;
      // Gone from the list as the notice says so (show() renders before the list comes back).
      scenarios = scenarios.filter((s) => s.name !== name);
      notice = () => t('plans.deleted', { name });
      await show();
    } catch (e) {
      confirmingDelete = false;
      error = () => errorText(e, 'edit');
      render();
    }
  }

  async function run() {
    if (!selected) return;
    const budget = parseAmount(budgetText);
    if (budget === null || budget < 0) {
      error = () => t('plans.badBudget');
      return render();
    }
    running = true;
    error = null;
    notice = null;
    render();
    try {
      const res = await api.runScenario(selected, budget, (job) => {
        // Behind another job (a recompute, someone else's run): say so rather than look stuck.
        if ((job.state === 'queued') !== queued) {
          queued = job.state === 'queued';
          render();
        }
      });
      const id = res.runId ?? res.id ?? 0;
      cache.set(runKey(selected, id), res);
      runs = (await api.runs(selected)).items;
      await openRun(selected, id, 'a');
      void api.scenarios().then((b2) => { scenarios = b2.items; });
    } catch (e) {
      error = () => errorText(e, 'run');
    }
    running = false;
    queued = false;
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

  const regionLabel = (id: string | null | undefined) => {
    if (!id) return '—';
    const r = regions.get(id);
    return r ? recordName(r as unknown as Record<string, unknown>) : id;
  };

  /** The chosen sites in the user's language: headers, kinds, technologies, regions; BOM; `;` or `,`. */
  function exportCsv(r: ScenarioRun, name: string) {
    const header = ['plans.csv.order', 'plans.csv.facility', 'plans.csv.name', 'plans.csv.kind', 'plans.csv.region', 'plans.csv.technology',
      'plans.csv.cost', 'plans.csv.p10', 'plans.csv.p50', 'plans.csv.p90', 'plans.csv.beneficiaries'].map((k) => t(k as MessageKey));
    const rows = (r.sites ?? []).map((s: ChosenSite, i) => [
      i + 1, s.facilityId, s.name ?? '', facilityKindLabel(s.kind), regionLabel(s.admin1Id), tOr(`tech.${s.technology ?? 'unknown'}`, 'tech.unknown'),
      csvNumber(s.costKzt, sep), csvNumber(s.p10, sep), csvNumber(s.p50, sep), csvNumber(s.p90, sep), csvNumber(s.beneficiaries, sep, 1),
    ]);
    download(`baylanys-${name}-${r.runId ?? r.id ?? ''}-${lang()}.csv`, 'text/csv;charset=utf-8', toCsv(header, rows, sep));
  }

  const runLabel = (scenarioName: string, run: { id?: number; runId?: number; budgetKzt?: number; ranAt?: string }) =>
    `${scenarioName} · №${run.runId ?? run.id} · ${fmtKzt(run.budgetKzt, true)}`;

  function breakdownTable(caption: string, first: string, rows: Array<[string, Breakdown]>, testid: string): HTMLElement {
    return h('table', { class: 'compare-table breakdown', 'data-testid': testid },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, first), h('th', { scope: 'col' }, t('plans.sites')),
        h('th', { scope: 'col' }, t('plans.beneficiaries')), h('th', { scope: 'col' }, t('plans.totalCost')))),
      h('tbody', {}, ...rows.sort((x, y) => y[1].costKzt - x[1].costKzt).map(([k, v]) =>
        h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, fmtNumber(v.facilities)), h('td', {}, fmtNumber(v.beneficiaries)), h('td', {}, fmtKzt(v.costKzt, true))))));
  }

  function result(r: ScenarioRun, name: string): HTMLElement {
    const id = r.runId ?? r.id ?? 0;
    const files = runFiles(name, id, lang());
    const chart = h('div', { class: 'chart chart-wide', role: 'img', 'aria-label': t('plans.curve') });
    const other = b ? cache.get(runKey(b.scenario, b.id)) : undefined;
    const sites = r.sites ?? r.chosen.map((facilityId) => ({ facilityId }) as ChosenSite);
    const section = h('section', { class: 'plan-result', 'aria-live': 'polite', 'data-testid': 'plan-result' },
      h('h3', {}, runLabel(name, r)),
      r.scope ? h('p', { class: 'muted small', 'data-testid': 'plan-scope' }, t('plans.scopeNote')) : null,
      h('dl', { class: 'facts' },
        r.ranAt ? h('dt', {}, t('plans.ranAt')) : null, r.ranAt ? h('dd', {}, fmtDateTime(r.ranAt)) : null,
        h('dt', {}, t('plans.budget')), h('dd', {}, fmtKzt(r.budgetKzt)),
        h('dt', {}, t('plans.totalCost')), h('dd', { 'data-testid': 'plan-cost' }, fmtKzt(r.totalCostKzt)),
        r.p50 !== undefined ? h('dt', { title: t('plans.percentilesHint') }, t('plans.percentiles')) : null,
        r.p50 !== undefined ? h('dd', { 'data-testid': 'plan-percentiles' }, `${fmtKzt(r.p10)} / ${fmtKzt(r.p50)} / ${fmtKzt(r.p90)}`) : null,
        h('dt', {}, t('plans.beneficiaries')), h('dd', {}, fmtNumber(r.beneficiaries)),
        h('dt', {}, t('plans.sites')), h('dd', {}, fmtNumber(r.chosen.length)),
        r.connectAllKzt && !r.scope ? h('dt', {}, t('plans.connectAll')) : null, r.connectAllKzt && !r.scope ? h('dd', {}, fmtKzt(r.connectAllKzt, true)) : null),
      h('p', { class: 'muted small' }, t('plans.showOnMap')),
      h('div', { class: 'actions' },
        h('a', { class: 'button', href: files.report, target: '_blank', rel: 'noopener', 'data-testid': 'plan-report' }, t('plans.report')),
        h('button', { type: 'button', 'data-testid': 'plan-csv', onclick: () => exportCsv(r, name) }, t('plans.exportCsv')),
        h('label', { class: 'small' }, t('plans.csvSeparator'), ' ',
          h('select', { 'aria-label': t('plans.csvSeparator'), onchange: (e: Event) => { sep = (e.target as HTMLSelectElement).value as CsvSeparator; } },
            h('option', { value: ';', selected: sep === ';' }, t('plans.sepSemicolon')), h('option', { value: ',', selected: sep === ',' }, t('plans.sepComma')))),
        h('a', { class: 'button', href: files.geojson, download: `baylanys-${name}-${id}.geojson`, 'data-testid': 'plan-geojson' }, t('plans.exportGeojson'))),
      chart,
      r.byRegion && Object.keys(r.byRegion).length
        ? breakdownTable(t('plans.byRegion'), t('filters.region'), Object.entries(r.byRegion).map(([k, v]) => [regionLabel(k), v]), 'plan-by-region') : null,
      r.byKind && Object.keys(r.byKind).length
        ? breakdownTable(t('plans.byKind'), t('filters.kind'), Object.entries(r.byKind).map(([k, v]) => [facilityKindLabel(k), v]), 'plan-by-kind') : null,
      h('h3', {}, t('plans.chosen')),
      h('ol', { class: 'chosen' }, ...sites.slice(0, 200).map((site) =>
        h('li', {},
          h('button', { type: 'button', class: 'link', onclick: () => opts.onOpenFacility(site.facilityId) }, site.name ?? site.facilityId),
          h('span', { class: 'muted small' }, ` · ${facilityKindLabel(site.kind)} · ${regionLabel(site.admin1Id)} · ${tOr(`tech.${site.technology ?? 'unknown'}`, 'tech.unknown')}${site.costKzt !== undefined ? ` · ${fmtKzt(site.costKzt, true)}` : ''}`)))),
      sites.length > 200 ? h('p', { class: 'muted small' }, t('plans.moreInFiles', { n: fmtNumber(sites.length - 200) })) : null);
    // Each run's curve stops at its budget: what that budget buys, in build order.
    const upTo = (x: ScenarioRun) => x.curve.filter((p) => p.costKzt <= (x.budgetKzt ?? Infinity));
    requestAnimationFrame(() => curveChart(chart, [
      { label: runLabel(name, r), colour: '#0072B2', points: upTo(r) },
      ...(other && b ? [{ label: runLabel(b.scenario, other), colour: '#D55E00', points: upTo(other), dash: [6, 4] }] : []),
    ], t('plans.curve'), t('plans.totalCost')));
    return section;
  }

  function compare(r: ScenarioRun): HTMLElement | null {
    // Candidates: every stored run of this scenario and the latest run of each other scenario.
    const options: Array<{ scenario: string; id: number; label: string }> = [
      ...runs.map((x) => ({ scenario: selected!, id: x.id, label: runLabel(selected!, x) })),
      ...scenarios.filter((s) => s.name !== selected && s.latestRun).map((s) => ({ scenario: s.name, id: s.latestRun!.id, label: `${s.name} · №${s.latestRun!.id}` })),
    ].filter((o) => !(a && o.scenario === a.scenario && o.id === a.id));
    if (!options.length) return null;
    const other = b ? cache.get(runKey(b.scenario, b.id)) : undefined;
    const row = (label: string, f: (x: ScenarioRun) => string) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, f(r)), h('td', {}, other ? f(other) : '—'));
    return h('section', { class: 'compare' },
      h('h3', {}, t('plans.compare')),
      h('label', { for: 'plan-compare' }, t('plans.compareWith')), ' ',
      h('select', {
        id: 'plan-compare',
        onchange: (e: Event) => {
          const [s, id] = (e.target as HTMLSelectElement).value.split('#');
          if (s && id) void openRun(s, Number(id), 'b');
          else { b = null; render(); }
        },
      }, h('option', { value: '' }, '—'), ...options.map((o) => h('option', { value: runKey(o.scenario, o.id), selected: !!b && b.scenario === o.scenario && b.id === o.id }, o.label))),
      other ? h('table', { class: 'compare-table', 'data-testid': 'compare-table' },
        h('thead', {}, h('tr', {}, h('th', {}), h('th', { scope: 'col' }, `${t('plans.slotA')}: ${runLabel(a!.scenario, r)}`), h('th', { scope: 'col' }, `${t('plans.slotB')}: ${runLabel(b!.scenario, other)}`))),
        h('tbody', {},
          row(t('plans.budget'), (x) => fmtKzt(x.budgetKzt, true)),
          row(t('plans.totalCost'), (x) => fmtKzt(x.totalCostKzt)),
          row(t('plans.percentiles'), (x) => (x.p50 === undefined ? '—' : `${fmtKzt(x.p10, true)} / ${fmtKzt(x.p50, true)} / ${fmtKzt(x.p90, true)}`)),
          row(t('plans.beneficiaries'), (x) => fmtNumber(x.beneficiaries)),
          row(t('plans.sites'), (x) => fmtNumber(x.chosen.length)))) : null);
  }

  function editor(e: Editing): HTMLElement {
    const field = (id: string, label: string, input: HTMLElement, hint?: string | null) =>
      h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? h('small', { class: 'muted', id: `${id}-hint` }, hint) : null);
    const groups = [...new Set(PARAM_FIELDS.map((f) => f.group))];
    return h('form', {
      class: 'scenario-editor', 'aria-labelledby': 'scenario-editor-title',
      onsubmit: (ev: Event) => { ev.preventDefault(); void saveEdit(); },
    },
    h('h3', { id: 'scenario-editor-title' }, t(e.mode === 'edit' ? 'plans.editTitle' : e.mode === 'duplicate' ? 'plans.duplicateTitle' : 'plans.newTitle')),
    e.mode === 'new' && !scenarios.length ? h('p', { class: 'muted small' }, t('plans.firstScenario')) : null,
    field('scenario-name', t('plans.name'), h('input', {
      id: 'scenario-name', value: e.name, required: true, disabled: e.mode === 'edit', maxlength: 64, pattern: '[\\p{L}\\p{N}][\\p{L}\\p{N}_.\\-]{0,63}',
      'aria-describedby': 'scenario-name-hint', oninput: (ev: Event) => { e.name = (ev.target as HTMLInputElement).value; },
    }), t('plans.nameHint')),
    field('scenario-description', t('plans.description'), h('input', {
      id: 'scenario-description', value: e.description, maxlength: 2000, oninput: (ev: Event) => { e.description = (ev.target as HTMLInputElement).value; },
    })),
    field('scenario-budget', t('plans.budgetKzt'), h('input', {
      id: 'scenario-budget', value: e.budget, inputmode: 'decimal', required: true, 'aria-describedby': 'scenario-budget-hint',
      oninput: (ev: Event) => {
        e.budget = (ev.target as HTMLInputElement).value;
        const n = parseAmount(e.budget);
        const hint = root.querySelector('#scenario-budget-hint');
        if (hint) hint.textContent = n === null ? t('plans.badBudget') : fmtKzt(n);
      },
    }), parseAmount(e.budget) === null ? t('plans.badBudget') : fmtKzt(parseAmount(e.budget))),
    ...groups.map((g) => h('fieldset', { class: 'param-group' }, h('legend', {}, t(`param.group.${g}` as MessageKey)),
      ...PARAM_FIELDS.filter((f) => f.group === g).map((f) => {
        const id = `param-${f.key.replaceAll('.', '-')}`;
        const raw = f.range?.(defaults);
        const range = raw && f.percent ? [raw[0] * 100, raw[1] * 100] : raw;
        const hint = [f.unit ? t(f.unit) : null, range ? t('param.range', { min: fmtNumber(range[0], 2), max: fmtNumber(range[1], 2) }) : null, f.source ? t('param.source', { source: t(f.source) }) : null]
          .filter(Boolean).join(' · ');
        const input = f.options
          ? h('select', { id, onchange: (ev: Event) => { e.values[f.key] = (ev.target as HTMLSelectElement).value; } },
            ...f.options.map((o) => h('option', { value: o, selected: e.values[f.key] === o }, t(`param.option.${o}` as MessageKey))))
          : h('input', {
            id, type: 'number', step: 'any', min: f.min ?? undefined, value: String(e.values[f.key] ?? ''), 'aria-describedby': `${id}-hint`,
            oninput: (ev: Event) => { e.values[f.key] = (ev.target as HTMLInputElement).value; },
          });
        return field(id, t(f.label), input, hint);
      }))),
    e.error ? h('p', { role: 'alert', class: 'bad' }, e.error()) : null,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('plans.save')),
      scenarios.length ? h('button', { type: 'button', onclick: () => { editing = null; render(); } }, t('plans.cancel')) : null));
  }

  function render() {
    const heading = h('h2', {}, t('plans.title'));
    if (state === 'loading') return clear(root, heading, h('p', { role: 'status' }, t('panel.loading')));
    if (state === 'unavailable') return clear(root, heading, h('p', { class: 'unavailable', role: 'status' }, t('plans.unavailable')));
    if (state === 'error') return clear(root, heading, h('p', { role: 'alert' }, error?.() ?? t('err.unexpected')));

    const s = scenario();
    const current = a && a.scenario === selected ? cache.get(runKey(a.scenario, a.id)) : undefined;
    const picker = scenarios.length
      ? h('div', { class: 'field' }, h('label', { for: 'plan-scenario' }, t('plans.scenario')),
        h('select', { id: 'plan-scenario', onchange: (e: Event) => { a = null; b = null; void selectScenario((e.target as HTMLSelectElement).value); } },
          ...scenarios.map((x) => h('option', { value: x.name, selected: x.name === selected }, x.name))))
      : h('p', { class: 'muted' }, t(opts.canEdit ? 'plans.noScenarios' : 'plans.noScenariosRead'));
    const manage = opts.canEdit && !editing
      ? h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'scenario-new', onclick: () => void startEdit('new') }, t('plans.new')),
        s ? h('button', { type: 'button', id: 'scenario-edit', onclick: () => void startEdit('edit') }, t('plans.edit')) : null,
        s ? h('button', { type: 'button', id: 'scenario-duplicate', onclick: () => void startEdit('duplicate') }, t('plans.duplicate')) : null,
        s && !confirmingDelete ? h('button', { type: 'button', id: 'scenario-delete', class: 'danger', onclick: () => { confirmingDelete = true; notice = null; render(); (root.querySelector('#scenario-delete-no') as HTMLElement | null)?.focus(); } }, t('plans.delete')) : null)
      : null;
    const confirm = opts.canEdit && s && confirmingDelete && !editing
      ? h('div', { class: 'confirm', role: 'alertdialog', 'aria-labelledby': 'scenario-delete-question' },
        h('p', { id: 'scenario-delete-question' }, t('plans.deleteQuestion', { name: s.name, n: fmtNumber(runs.length) })),
        h('div', { class: 'actions' },
          h('button', { type: 'button', id: 'scenario-delete-yes', class: 'danger', onclick: () => void removeScenario() }, t('plans.deleteConfirm')),
          h('button', { type: 'button', id: 'scenario-delete-no', onclick: () => { confirmingDelete = false; render(); (root.querySelector('#scenario-delete') as HTMLElement | null)?.focus(); } }, t('plans.keep'))))
      : null;
    const runForm = opts.canEdit && s && !editing
      ? h('form', { class: 'plan-form', onsubmit: (e: Event) => { e.preventDefault(); void run(); } },
        h('div', { class: 'field field-wide' }, h('label', { for: 'plan-budget' }, t('plans.budgetKzt')),
          h('input', {
            id: 'plan-budget', value: budgetText, inputmode: 'decimal', 'aria-describedby': 'plan-budget-out',
            oninput: (e: Event) => {
              budgetText = (e.target as HTMLInputElement).value;
              const n = parseAmount(budgetText);
              const out = root.querySelector('#plan-budget-out');
              if (out) out.textContent = n === null ? t('plans.badBudget') : fmtKzt(n);
            },
          }),
          h('output', { id: 'plan-budget-out', for: 'plan-budget' }, fmtKzt(parseAmount(budgetText)))),
        h('button', { type: 'submit', id: 'plan-run', class: 'primary', disabled: running }, running ? t(queued ? 'plans.queued' : 'plans.running') : t('plans.run')))
      : null;
    const runList = s
      ? h('section', { class: 'runs' }, h('h3', {}, t('plans.savedRuns')),
        runs.length
          ? h('ul', { class: 'run-list', 'data-testid': 'run-list' }, ...runs.slice(0, 20).map((x) => h('li', {},
            h('button', {
              type: 'button', class: 'link', 'aria-current': a && a.scenario === selected && a.id === x.id ? 'true' : undefined,
              onclick: () => void openRun(selected!, x.id, 'a'),
            }, `№${x.id} · ${fmtDateTime(x.ranAt)}`),
            h('span', { class: 'muted small' }, ` · ${t('plans.budget').toLowerCase()} ${fmtKzt(x.budgetKzt, true)}${x.totalCostKzt != null ? ` · ${fmtKzt(x.totalCostKzt, true)}` : ''}`))))
          : h('p', { class: 'muted small' }, t(opts.canEdit ? 'plans.noRuns' : 'plans.noRunsRead')))
      : null;

    clear(root,
      heading,
      opts.canEdit ? null : h('p', { class: 'muted small' }, t('plans.readOnly')),
      picker,
      s?.description ? h('p', { class: 'muted small' }, s.description) : null,
      manage,
      confirm,
      notice ? h('p', { role: 'status', class: 'ok' }, notice()) : null,
      editing ? editor(editing) : null,
      runForm,
      error ? h('p', { role: 'alert', class: 'bad' }, error()) : null,
      runList,
      current && selected ? result(current, selected) : null,
      current ? compare(current) : null,
      sensitivitySection());
  }

  return { show, rerender: render };
}
