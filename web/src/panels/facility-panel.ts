// The facility panel: rank, gap class, score and its components, every technology option with its
// costs, the shared trench, and the monitored link's history when the facility has one.
import { ApiFailure, NotAvailable, api } from '../api/client.ts';
import { errorText } from '../api/errors.ts';
import type { GapDetail, GapItem, Site, TechOption } from '../api/types.ts';
import { clear, h } from '../dom.ts';
import { facilityKindLabel, fmtDistanceM, fmtKzt, fmtNumber, fmtUsd, t, tOr, type MessageKey } from '../i18n/index.ts';
import { illustrativeBadge } from '../map/legend.ts';
import { GAP_COLOURS, normaliseTechnology } from '../map/palette.ts';
import { recordName } from './names.ts';
import { renderSiteHistory } from './site-history.ts';

export type FacilityPanel = {
  open(id: string, hint?: GapItem): Promise<void>;
  /** A monitored site on its own (site accounts, which see no planning data). */
  openSite(site: Site): void;
  close(): void;
  rerender(): void;
  currentId(): string | null;
};

function money(usd: number | null | undefined, kztPerUsd: number | null, kzt?: number | null): string {
  if (kzt !== null && kzt !== undefined) return fmtKzt(kzt);
  if (usd === null || usd === undefined) return '—';
  return kztPerUsd ? fmtKzt(usd * kztPerUsd) : fmtUsd(usd);
}

/** A feasibility reason in the user's language (the server also sends English text for logs). */
function reasonText(r: TechOption['reason']): string {
  if (!r) return '';
  if (typeof r === 'string') return r;
  return tOr(`reason.${r.code}`, 'tech.unknown', Object.fromEntries(Object.entries(r.values).map(([k, v]) => [
    k,
    // A technology named in a reason (the interim link of a phased plan) is named in the user's language.
    k === 'interim' ? tOr(`tech.${String(v)}`, 'tech.unknown') : typeof v === 'number' ? (k === 'year' ? String(v) : fmtNumber(v, v % 1 === 0 ? 0 : 1)) : v,
  ])));
}

function recommendedTech(d: GapDetail): string | null {
  if (d.choice !== undefined) return d.choice?.technology ?? null;
  const r = d.recommendation;
  if (!r) return null;
  return typeof r === 'string' ? r : r.technology ?? null;
}

/** A label for every score component the planning engine reports (tests/unit/web-score-labels.test.ts). */
export const COMPONENT_LABELS: Record<string, MessageKey> = {
  beneficiaries: 'score.beneficiaries', tcoMillionKzt: 'score.tcoMillionKzt', connection: 'score.connection',
  hubSchool: 'score.hubSchool', litVillage: 'score.litVillage', unreliable: 'score.unreliable',
};

function componentValue(v: unknown): string {
  if (typeof v === 'number') return fmtNumber(v, Math.abs(v) < 10 ? 2 : 0);
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${componentValue(x)}`).join(', ');
  return String(v);
}

export type TrenchState = GeoJSON.Feature | null | 'unavailable' | 'loading';

export function createFacilityPanel(
  root: HTMLElement,
  opts: {
    onClose(): void; siteFor(facilityId: string): Site | undefined; onTrench(trench: GeoJSON.Feature | null, available: boolean): void;
    /** A region-scoped account: a facility the server does not know is outside its regions. */
    scoped?: boolean;
  },
): FacilityPanel {
  let current: string | null = null;
  let trench: TrenchState = 'loading';
  let detail: GapDetail | null = null;
  let hintItem: GapItem | undefined;
  let failure: unknown = null;
  let siteOnly: Site | null = null;

  // Escape closes the panel from inside it, from the map or from the page (not from a form field).
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || current === null) return;
    const el = document.activeElement;
    const inField = el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement;
    if (inField && !root.contains(el)) return;
    e.preventDefault();
    close();
  });

  function close() {
    current = null;
    detail = null;
    siteOnly = null;
    root.hidden = true;
    opts.onClose();
  }

  function optionsTable(d: GapDetail, rate: number | null): HTMLElement {
    const rec = recommendedTech(d);
    const rows = (d.options ?? []).map((o: TechOption) => {
      const isRec = rec !== null && o.technology === rec;
      const tech = normaliseTechnology(o.technology);
      const replacements = o.replacements?.length
        ? o.replacements.map((x) => t('panel.replacement', { year: x.year, amount: money(x.usd, rate) })).join('; ')
        : t('panel.noReplacement');
      return h('tr', { class: isRec ? 'recommended' : o.feasible ? '' : 'infeasible' },
        h('th', { scope: 'row' }, tOr(`tech.${tech}`, 'tech.unknown'),
          isRec ? h('span', { class: 'tag' }, t('panel.recommended')) : null,
          !o.feasible ? h('span', { class: 'tag tag-muted' }, t('panel.infeasible')) : null,
        ),
        h('td', {}, o.capexUsd || o.feasible ? money(o.capexUsd, rate) : '—'),
        h('td', {}, money(o.yearlyUsd ?? o.opexUsdPerYear, rate)),
        h('td', { class: 'small' }, replacements),
        h('td', {}, o.tcoUsd ? money(o.tcoUsd, rate) : '—'),
        h('td', { class: 'small' }, reasonText(o.reason)));
    });
    return h('table', { class: 'options' },
      h('caption', {}, t('panel.options')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('panel.option.technology')), h('th', { scope: 'col' }, t('panel.option.capex')),
        h('th', { scope: 'col' }, t('panel.option.yearly')), h('th', { scope: 'col' }, t('panel.option.replacements')),
        h('th', { scope: 'col' }, t('panel.option.tco')), h('th', { scope: 'col' }, t('panel.option.reason')))),
      h('tbody', {}, ...rows));
  }

  /** The settlement's choice for this facility, in the user's language. */
  function choiceSection(d: GapDetail, rate: number | null): HTMLElement | null {
    const demand = d.demandMbps !== undefined && d.demandAtHorizonMbps !== undefined
      ? h('p', { class: 'muted small' }, t('panel.demand', { now: fmtNumber(d.demandMbps, 1), end: fmtNumber(d.demandAtHorizonMbps, 1), years: d.horizonYears ?? 10 }))
      : null;
    const scope = d.inScope === false ? h('p', { class: 'measured-flag' }, t('panel.outOfScope')) : null;
    const c = d.choice;
    if (c === undefined) return null;
    let text: string;
    if (c === null) text = d.options?.length ? t('panel.choice.none') : '';
    else {
      const technology = tOr(`tech.${normaliseTechnology(c.technology)}`, 'tech.unknown');
      const share = money(c.tcoUsd, rate, c.tcoKzt);
      if (c.technology === 'keep') text = t('panel.choice.keep', { share });
      else if (c.group) text = t('panel.choice.shared', { technology, n: c.group.memberIds.length, share, alone: money(c.standaloneTcoUsd, rate), saving: money(c.group.savingUsd, rate) });
      else text = t('panel.choice.alone', { technology, share });
    }
    if (!text && !scope) return demand;
    return h('section', { class: 'choice' }, h('h3', {}, t('panel.choice')), scope, text ? h('p', {}, text) : null, demand);
  }

  function sharedTrench(): HTMLElement | null {
    if (trench === 'unavailable' || trench === 'loading') return null;
    if (trench === null) return h('section', {}, h('h3', {}, t('panel.sharedTrench')), h('p', { class: 'muted' }, t('panel.sharedTrenchNone')));
    const p = (trench.properties ?? {}) as Record<string, unknown>;
    const num = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : null);
    const shares = (Array.isArray(p.shares) ? p.shares : []) as Array<{ facilityId: string; allocatedTcoKzt?: number; standaloneTcoKzt?: number }>;
    const mine = shares.find((x) => x.facilityId === current);
    return h('section', { class: 'trench' }, h('h3', {}, t('panel.sharedTrench')),
      h('dl', { class: 'facts' },
        h('dt', {}, t('trench.length')), h('dd', {}, `${fmtDistanceM(num('lengthM'))} / ${fmtDistanceM(num('standaloneLengthM'))}`),
        h('dt', {}, t('trench.tco')), h('dd', {}, `${fmtKzt(num('tcoKzt'), true)} / ${fmtKzt(num('standaloneTcoKzt'), true)}`),
        h('dt', {}, t('trench.saving')), h('dd', {}, fmtKzt(num('savingKzt'), true)),
        mine ? h('dt', {}, t('trench.thisShare')) : null,
        mine ? h('dd', {}, `${fmtKzt(mine.allocatedTcoKzt ?? null, true)} (${t('panel.standalone').toLowerCase()} ${fmtKzt(mine.standaloneTcoKzt ?? null, true)})`) : null,
        h('dt', {}, t('trench.members')), h('dd', {}, fmtNumber(shares.length))));
  }

  function render() {
    // Re-rendering replaces the nodes: keep keyboard focus on the element that had it.
    const focusedId = root.contains(document.activeElement) ? document.activeElement?.id || null : null;
    draw();
    if (focusedId) (root.querySelector(`#${CSS.escape(focusedId)}`) as HTMLElement | null)?.focus({ preventScroll: true });
  }

  function draw() {
    root.hidden = current === null;
    if (current === null) return;
    const closeBtn = h('button', { type: 'button', id: 'panel-close', class: 'close', 'aria-label': t('panel.close'), title: t('panel.close'), onclick: close }, '×');
    if (siteOnly) {
      const s = opts.siteFor(siteOnly.facilityId ?? '') ?? siteOnly;
      clear(root, closeBtn, h('h2', { id: 'panel-title', tabindex: -1 }, s.facilityName ?? s.name), s.facilityName ? h('p', { class: 'muted' }, s.name) : null, renderSiteHistory(s));
      return;
    }
    if (failure) {
      const outside = opts.scoped && failure instanceof ApiFailure && failure.status === 404;
      clear(root, closeBtn, h('p', { role: 'alert' }, outside ? t('panel.outsideRegions') : t('panel.error', { message: errorText(failure) })));
      return;
    }
    if (!detail) {
      clear(root, closeBtn, h('h2', { id: 'panel-title' }, hintItem ? recordName(hintItem as unknown as Record<string, unknown>) : t('panel.title')), h('p', { role: 'status' }, t('panel.loading')));
      return;
    }
    const d = detail;
    const f = d.facility;
    const cls = String(d.gapClass ?? f.gapClass ?? f.gap_class ?? hintItem?.gapClass ?? 'unknown');
    const rec = typeof d.recommendation === 'object' && d.recommendation ? (d.recommendation as TechOption) : null;
    const detailTco = (d as { tcoKzt?: number | null }).tcoKzt;
    const rate = d.kztPerUsd
      ?? (detailTco && rec?.tcoUsd ? detailTco / rec.tcoUsd : null)
      ?? (hintItem?.tcoKzt && hintItem.tcoUsd ? hintItem.tcoKzt / hintItem.tcoUsd : null);
    const illustrative = f.provenance === 'illustrative' || hintItem?.provenance === 'illustrative';
    const m = d.measures ?? {};
    const components = Object.entries(d.score?.components ?? {});
    const site = opts.siteFor(current);
    const settlementName = (f.settlementName as string | undefined) ?? hintItem?.settlementName;
    const beneficiaries = (d as { beneficiaries?: number }).beneficiaries ?? hintItem?.beneficiaries;
    const tcoKzt = (d as { tcoKzt?: number }).tcoKzt ?? hintItem?.tcoKzt;
    clear(root,
      closeBtn,
      h('h2', { id: 'panel-title', tabindex: -1 }, recordName({ ...f, nameRu: hintItem?.nameRu, nameKk: hintItem?.nameKk, nameEn: hintItem?.nameEn, name: f.name ?? hintItem?.name })),
      illustrative ? illustrativeBadge() : null,
      h('dl', { class: 'facts' },
        d.rank !== null && d.rank !== undefined ? h('dt', {}, t('panel.score')) : null,
        d.rank !== null && d.rank !== undefined ? h('dd', {}, `${fmtNumber(d.score?.value ?? null, 2)} · ${t('panel.rank', { rank: fmtNumber(d.rank) })}`) : null,
        h('dt', {}, t('panel.kind')), h('dd', {}, facilityKindLabel(String(f.kind ?? hintItem?.kind ?? 'other'), (f.subkind ?? hintItem?.subkind) as string | null | undefined)),
        h('dt', {}, t('panel.class')), h('dd', {}, h('span', { class: 'chip', style: `--c:${GAP_COLOURS[cls] ?? GAP_COLOURS.unknown}` }, tOr(`gap.${cls}`, 'gap.unknown'))),
        // Monitoring feedback: a lit but idle link, or a chronically unavailable one, changes the plan.
        d.measuredFlag ? h('dd', { class: 'measured-flag' }, t(`measured.${d.measuredFlag}`)) : null,
        settlementName ? h('dt', {}, t('panel.settlement')) : null,
        settlementName ? h('dd', {}, settlementName) : null,
        beneficiaries ? h('dt', {}, t('panel.beneficiaries')) : null,
        beneficiaries ? h('dd', {}, fmtNumber(beneficiaries)) : null,
        tcoKzt ? h('dt', {}, t('panel.tco')) : null,
        tcoKzt ? h('dd', {}, fmtKzt(tcoKzt)) : null),
      components.length
        ? h('section', {}, h('h3', {}, t('panel.components')),
          h('dl', { class: 'facts components' }, ...components.flatMap(([k, v]) => [
            h('dt', {}, COMPONENT_LABELS[k] ? t(COMPONENT_LABELS[k]) : k), h('dd', {}, componentValue(v))])))
        : null,
      h('section', {}, h('h3', {}, t('panel.measures')),
        h('dl', { class: 'facts' },
          h('dt', {}, t('panel.popDistance')), h('dd', {}, fmtDistanceM(m.popDistanceM)),
          h('dt', {}, t('panel.routeDistance')), h('dd', {}, fmtDistanceM(m.routeDistanceM)),
          h('dt', {}, t('panel.path')), h('dd', {}, fmtDistanceM(m.pathM)),
          h('dt', {}, t('panel.mobile')), h('dd', {}, m.mobileTechnology ?? t('panel.none')))),
      choiceSection(d, rate),
      d.options?.length ? optionsTable(d, rate) : null,
      d.whyOthersLost?.length
        ? h('section', {}, h('h3', {}, t('panel.whyOthersLost')), h('ul', {}, ...d.whyOthersLost.map((w) =>
          h('li', {},
            typeof w === 'string' ? w : `${tOr(`tech.${normaliseTechnology(w.technology)}`, 'tech.unknown')}: ${tOr(`why.${w.reason ?? ''}`, 'why.costlier')}`))))
        : null,
      sharedTrench(),
      site ? renderSiteHistory(site) : null,
      h('p', { class: 'muted small' }, `${t('panel.provenance')}: ${tOr(`provenance.${String(f.provenance ?? hintItem?.provenance ?? 'unknown')}`, 'provenance.unknown')}`),
    );
  }

  function openSite(site: Site) {
    current = site.facilityId ?? `site:${site.id}`;
    siteOnly = site;
    detail = null;
    failure = null;
    render();
    (root.querySelector('#panel-title') as HTMLElement | null)?.focus({ preventScroll: true });
  }

  async function open(id: string, hint?: GapItem) {
    current = id;
    siteOnly = null;
    hintItem = hint;
    detail = null;
    failure = null;
    render();
    try {
      const d = await api.gap(id);
      if (current !== id) return;
      detail = d;
      const settlementId = (d.facility.settlementId ?? hint?.settlementId) as string | null | undefined;
      trench = 'loading';
      if (settlementId) {
        void api.trench(settlementId).then((f) => {
          if (current !== id) return;
          trench = f;
          opts.onTrench(f, true);
          render();
        }).catch((e) => {
          trench = 'unavailable';
          opts.onTrench(null, !(e instanceof NotAvailable));
        });
      }
    } catch (e) {
      if (current !== id) return;
      if (e instanceof NotAvailable) {
        // No planner on this server yet: show what the tile and the list know.
        detail = { facility: { id, name: hint?.name ?? null, kind: hint?.kind, provenance: hint?.provenance ?? undefined } };
      } else failure = e;
    }
    render();
    (root.querySelector('#panel-title') as HTMLElement | null)?.focus({ preventScroll: true });
  }

  return { open, openSite, close, rerender: render, currentId: () => current };
}
