// The legend: one switch per layer group, the colour key of the facilities (by gap class or by
// technology), the status shapes of monitored sites, and the "illustrative data" badge.
import { h, clear } from '../dom.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { COVERAGE_COLOURS, FIBRE_COLOUR, GAP_CLASSES, GAP_COLOURS, STATUSES, TECHNOLOGIES, TECH_COLOURS } from './palette.ts';
import { statusIconUrl } from './status-icons.ts';
import { LAYER_GROUPS, type LayerGroup } from './style.ts';
import type { MapView } from './map-view.ts';

export type LegendState = {
  illustrative: boolean;
  unavailable: Set<LayerGroup>;
  colourBy: 'class' | 'technology';
  /** Groups this account cannot use (a site account sees no planning layers): not listed. */
  hidden?: Set<LayerGroup>;
};

// One switch per group of the style, in its order (style.ts LAYER_GROUPS), named `layer.<group>`.
const GROUPS = (Object.keys(LAYER_GROUPS) as LayerGroup[]).map((g): [LayerGroup, MessageKey] => [g, `layer.${g}`]);

const swatch = (colour: string, shape: 'dot' | 'line' | 'area' = 'dot') =>
  h('span', { class: `swatch swatch-${shape}`, style: `--c:${colour}`, 'aria-hidden': 'true' });

export function illustrativeBadge(): HTMLElement {
  return h('span', { class: 'badge-illustrative', title: t('badge.illustrativeHint') }, t('badge.illustrative'));
}

export function renderLegend(root: HTMLElement, view: Pick<MapView, 'isGroupVisible' | 'setGroupVisible' | 'setColourBy'>, state: LegendState): void {
  const key = (items: Array<[string, string]>) =>
    h('ul', { class: 'legend-key' }, ...items.map(([colour, text]) => h('li', {}, swatch(colour), text)));

  const toggles = GROUPS.filter(([group]) => !state.hidden?.has(group)).map(([group, label]) => {
    const unavailable = state.unavailable.has(group);
    const id = `layer-toggle-${group}`;
    const input = h('input', {
      type: 'checkbox', id, 'data-group': group,
      checked: !unavailable && view.isGroupVisible(group), disabled: unavailable,
      onchange: (e: Event) => view.setGroupVisible(group, (e.target as HTMLInputElement).checked),
    });
    let sample: HTMLElement | null = null;
    if (group === 'fibre') sample = swatch(FIBRE_COLOUR, 'line');
    if (group === 'pops') sample = swatch(FIBRE_COLOUR, 'dot');
    if (group === 'coverage') sample = swatch(COVERAGE_COLOURS['4G']!, 'area');
    if (group === 'trenches') sample = swatch('#000', 'line');
    return h('li', {}, input, h('label', { for: id }, sample, t(label), unavailable ? h('span', { class: 'muted' }, ` — ${t('layer.notAvailable')}`) : null));
  });

  const colourBy = h('fieldset', { class: 'colour-by' },
    h('legend', {}, t('legend.colourBy')),
    ...(['class', 'technology'] as const).map((mode) =>
      h('label', {},
        h('input', {
          type: 'radio', name: 'colour-by', value: mode, checked: state.colourBy === mode,
          onchange: () => {
            state.colourBy = mode;
            view.setColourBy(mode);
            renderLegend(root, view, state);
          },
        }),
        t(mode === 'class' ? 'legend.byClass' : 'legend.byTechnology'))),
  );

  const facilityKey = state.colourBy === 'class'
    ? key(GAP_CLASSES.map((c) => [GAP_COLOURS[c]!, t(`gap.${c}` as MessageKey)]))
    : key(TECHNOLOGIES.map((c) => [TECH_COLOURS[c]!, t(`tech.${c}` as MessageKey)]));

  const statusKey = h('ul', { class: 'legend-key' }, ...STATUSES.map((s) =>
    h('li', {}, h('img', { src: statusIconUrl(s), alt: '', width: 16, height: 16 }), t(`status.${s}` as MessageKey))));

  // A <details> so the legend folds away on small screens; its open state survives re-rendering.
  const wasOpen = (root.querySelector('details') as HTMLDetailsElement | null)?.open ?? window.innerWidth > 900;
  const details = h('details', { open: wasOpen },
    h('summary', { class: 'legend-title', id: 'legend-title' }, t('legend.title')),
    state.illustrative ? illustrativeBadge() : null,
    h('ul', { class: 'legend-toggles' }, ...toggles),
    ...(state.hidden?.has('facilities') ? [] : [
      colourBy,
      facilityKey,
      h('p', { class: 'legend-note' }, swatch('#3b4a57'), t('legend.cluster')),
      h('p', { class: 'legend-note' }, t('legend.size'))]),
    h('h3', { class: 'legend-sub' }, t('layer.sites')),
    statusKey,
  );
  clear(root, details);
}
