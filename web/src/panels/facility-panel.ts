// The facility panel: rank, gap class, score and its components, every technology option with its
// costs, the shared trench, and the monitored link's history when the facility has one.
import { ApiFailure, NotAvailable, api } from '../api/client.ts';
import type { GapDetail, GapItem, Site, TechOption } from '../api/types.ts';
import { clear, h } from '../dom.ts';
import { fmtDistanceM, fmtKzt, fmtNumber, fmtUsd, t, tOr } from '../i18n/index.ts';
import { illustrativeBadge } from '../map/legend.ts';
import { GAP_COLOURS, normaliseTechnology } from '../map/palette.ts';
import { recordName } from './names.ts';
import { renderSiteHistory } from './site-history.ts';

export type FacilityPanel = {
  open(id: string, hint?: GapItem): Promise<void>;
  close(): void;
  rerender(): void;
  currentId(): string | null;
};

function money(usd: number | null | undefined, kztPerUsd: number | null, kzt?: number | null): string {
  if (kzt !== null && kzt !== undefined) return fmtKzt(kzt);
  if (usd === null || usd === undefined) return '—';
  return kztPerUsd ? fmtKzt(usd * kztPerUsd) : fmtUsd(usd);
}

function recommendedTech(d: GapDetail): string | null {
  const r = d.recommendation;
  if (!r) return null;
  return typeof r === 'string' ? r : r.technology ?? null;
}

function componentValue(v: unknown): string {
  if (typeof v === 'number') return fmtNumber(v, Math.abs(v) < 10 ? 2 : 0);
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${componentValue(x)}`).join(', ');
  return String(v);
}

export function createFacilityPanel(root: HTMLElement, opts: { onClose(): void; siteFor(facilityId: string): Site | undefined }): FacilityPanel {
  let current: string | null = null;
  let detail: GapDetail | null = null;
  let hintItem: GapItem | undefined;
  let failure: string | null = null;

  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  });

  function close() {
    current = null;
    detail = null;
    root.hidden = true;
    opts.onClose();
  }

  function optionsTable(d: GapDetail, rate: number | null): HTMLElement {
    const rec = recommendedTech(d);
    const rows = (d.options ?? []).map((o: TechOption) => {
      const isRec = rec !== null && o.technology === rec;
      return h('tr', { class: isRec ? 'recommended' : o.feasible ? '' : 'infeasible' },
        h('th', { scope: 'row' }, tOr(`tech.${normaliseTechnology(o.technology)}`, 'tech.unknown'),
          isRec ? h('span', { class: 'tag' }, t('panel.recommended')) : null,
          !o.feasible ? h('span', { class: 'tag tag-muted' }, t('panel.infeasible')) : null,
          !o.feasible && o.reason ? h('div', { class: 'muted small' }, o.reason) : null),
        h('td', {}, o.feasible ? money(o.capexUsd, rate) : '—'),
        h('td', {}, o.feasible ? money(o.opexUsdPerYear, rate) : '—'),
        h('td', {}, o.feasible ? money(o.tcoUsd, rate, o.tcoKzt) : '—'));
    });
    return h('table', { class: 'options' },
      h('caption', {}, t('panel.options')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('panel.option.technology')), h('th', { scope: 'col' }, t('panel.option.capex')),
        h('th', { scope: 'col' }, t('panel.option.opex')), h('th', { scope: 'col' }, t('panel.option.tco')))),
      h('tbody', {}, ...rows));
  }

  function sharedTrench(d: GapDetail, rate: number | null): HTMLElement {
    const s = d.sharedTrench;
    const body = !s || !(s.facilities?.length)
      ? h('p', { class: 'muted' }, t('panel.sharedTrenchNone'))
      : h('div', {},
        h('dl', { class: 'facts' },
          h('dt', {}, t('panel.standalone')), h('dd', {}, money(s.standaloneUsd, rate, s.standaloneKzt)),
          h('dt', {}, t('panel.shared')), h('dd', {}, money(s.sharedUsd, rate, s.sharedKzt))),
        h('p', {}, `${t('panel.sharedWith')}: `, (s.facilities ?? []).map((f) => (typeof f === 'string' ? f : f.name ?? f.facilityId ?? '')).join(', ')));
    return h('section', {}, h('h3', {}, t('panel.sharedTrench')), body);
  }

  function render() {
    root.hidden = current === null;
    if (current === null) return;
    const closeBtn = h('button', { type: 'button', class: 'close', 'aria-label': t('panel.close'), title: t('panel.close'), onclick: close }, '×');
    if (failure) {
      clear(root, closeBtn, h('p', { role: 'alert' }, t('panel.error', { message: failure })));
      return;
    }
    if (!detail) {
      clear(root, closeBtn, h('h2', { id: 'panel-title' }, hintItem ? recordName(hintItem as unknown as Record<string, unknown>) : t('panel.title')), h('p', { role: 'status' }, t('panel.loading')));
      return;
    }
    const d = detail;
    const f = d.facility;
    const cls = String(d.gapClass ?? f.gapClass ?? f.gap_class ?? hintItem?.gapClass ?? 'unknown');
    const rate = d.kztPerUsd ?? (hintItem?.tcoKzt && hintItem.tcoUsd ? hintItem.tcoKzt / hintItem.tcoUsd : null);
    const illustrative = f.provenance === 'illustrative' || hintItem?.provenance === 'illustrative';
    const m = d.measures ?? {};
    const components = Object.entries(d.score?.components ?? {});
    const site = opts.siteFor(current);
    clear(root,
      closeBtn,
      h('h2', { id: 'panel-title', tabindex: -1 }, recordName({ ...f, nameRu: hintItem?.nameRu, nameKk: hintItem?.nameKk, nameEn: hintItem?.nameEn, name: f.name ?? hintItem?.name })),
      illustrative ? illustrativeBadge() : null,
      h('dl', { class: 'facts' },
        d.rank !== null && d.rank !== undefined ? h('dt', {}, t('panel.score')) : null,
        d.rank !== null && d.rank !== undefined ? h('dd', {}, `${fmtNumber(d.score?.value ?? null, 2)} · ${t('panel.rank', { rank: fmtNumber(d.rank) })}`) : null,
        h('dt', {}, t('panel.kind')), h('dd', {}, tOr(`kind.${String(f.kind ?? hintItem?.kind)}`, 'kind.other')),
        h('dt', {}, t('panel.class')), h('dd', {}, h('span', { class: 'chip', style: `--c:${GAP_COLOURS[cls] ?? GAP_COLOURS.unknown}` }, tOr(`gap.${cls}`, 'gap.unknown'))),
        hintItem?.settlementName ? h('dt', {}, t('panel.settlement')) : null,
        hintItem?.settlementName ? h('dd', {}, hintItem.settlementName) : null,
        hintItem?.beneficiaries ? h('dt', {}, t('panel.beneficiaries')) : null,
        hintItem?.beneficiaries ? h('dd', {}, fmtNumber(hintItem.beneficiaries)) : null,
        hintItem?.tcoKzt ? h('dt', {}, t('panel.tco')) : null,
        hintItem?.tcoKzt ? h('dd', {}, fmtKzt(hintItem.tcoKzt)) : null),
      components.length
        ? h('section', {}, h('h3', {}, t('panel.components')),
          h('dl', { class: 'facts components' }, ...components.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, componentValue(v))])))
        : null,
      h('section', {}, h('h3', {}, t('panel.measures')),
        h('dl', { class: 'facts' },
          h('dt', {}, t('panel.popDistance')), h('dd', {}, fmtDistanceM(m.popDistanceM)),
          h('dt', {}, t('panel.routeDistance')), h('dd', {}, fmtDistanceM(m.routeDistanceM)),
          h('dt', {}, t('panel.path')), h('dd', {}, fmtDistanceM(m.pathM)),
          h('dt', {}, t('panel.mobile')), h('dd', {}, m.mobileTechnology ?? t('panel.none')))),
      d.options?.length ? optionsTable(d, rate) : null,
      d.whyOthersLost?.length
        ? h('section', {}, h('h3', {}, t('panel.whyOthersLost')), h('ul', {}, ...d.whyOthersLost.map((w) =>
          h('li', {}, typeof w === 'string' ? w : `${tOr(`tech.${normaliseTechnology(w.technology)}`, 'tech.unknown')}: ${w.reason ?? ''}`))))
        : null,
      sharedTrench(d, rate),
      site ? renderSiteHistory(site) : null,
      h('p', { class: 'muted small' }, `${t('panel.provenance')}: ${String(f.provenance ?? hintItem?.provenance ?? '—')}`),
    );
  }

  async function open(id: string, hint?: GapItem) {
    current = id;
    hintItem = hint;
    detail = null;
    failure = null;
    render();
    try {
      const d = await api.gap(id);
      if (current !== id) return;
      detail = d;
    } catch (e) {
      if (current !== id) return;
      if (e instanceof NotAvailable) {
        // No planner on this server yet: show what the tile and the list know.
        detail = { facility: { id, name: hint?.name ?? null, kind: hint?.kind, provenance: hint?.provenance ?? undefined } };
      } else failure = e instanceof ApiFailure || e instanceof Error ? e.message : String(e);
    }
    render();
    (root.querySelector('#panel-title') as HTMLElement | null)?.focus({ preventScroll: true });
  }

  return { open, close, rerender: render, currentId: () => current };
}
